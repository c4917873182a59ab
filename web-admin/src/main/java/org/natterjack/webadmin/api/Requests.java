package org.natterjack.webadmin.api;

import java.util.List;
import org.natterjack.admin.InvalidFieldException;

/** The JSON bodies the API accepts (unknown fields are refused). */
final class Requests {

    private Requests() {
    }

    record Login(String username, String password) {
    }

    record Setup(String token, String username, String password) {
    }

    /** Fields left out (null) stay as they are. */
    record UserChange(String displayName, String password, Integer maxContacts, String natPolicy, String homeRoute,
                      Boolean tunnel) {
    }

    record Order(List<Long> ids) {
        Order {
            if (ids == null) {
                throw new InvalidFieldException("ids", "ids: the rule ids in their new order");
            }
        }
    }

    record Simulation(String number, String source) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    record NewAccount(String username, String password, String role) {
    }

    record NewToken(String name, String role) {
    }

    /** PEM {@code certificate} (chain) and {@code privateKey}, or a base64 {@code pkcs12} file and its password. */
    record CertificateUpload(String certificate, String privateKey, String pkcs12, String password) {
    }

    record TestCall(String trunk, String number) {
        TestCall {
            if (trunk == null || number == null) {
                throw new IllegalArgumentException("trunk and number: both required");
            }
        }
    }
}
