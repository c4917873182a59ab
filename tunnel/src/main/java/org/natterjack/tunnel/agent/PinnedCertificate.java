package org.natterjack.tunnel.agent;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.natterjack.tunnel.login.Fingerprint;

/**
 * Trusts exactly one server certificate, the one whose fingerprint the operator gave ({@code --fingerprint}, as the
 * web admin shows it): an appliance's self-signed certificate is pinned rather than trusted through an authority.
 */
final class PinnedCertificate extends X509ExtendedTrustManager {

    private final Fingerprint pin;

    PinnedCertificate(Fingerprint pin) {
        this.pin = pin;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the gateway showed no certificate");
        }
        Fingerprint shown = Fingerprint.of(chain[0]);
        if (!shown.equals(pin)) {
            throw new CertificateException("the gateway's certificate " + shown + " is not the pinned " + pin);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the agent authenticates no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
