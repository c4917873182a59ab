package org.natterjack.webadmin.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.natterjack.admin.SipUserInfo;

class UsersTemplateTest {

    private static final List<SipUserInfo> USERS = List.of(
            new SipUserInfo("alice", "", "natterjack", "Alice", 0, 10, "auto", "", true),
            new SipUserInfo("roamer", "", "natterjack", "", 2, 2, "always", "trunk:out", false));
    private final Templates templates = new Templates();

    @Test
    void theSettingsShowInTheTableAndTheChangeForms() {
        String page = templates.render("users", View.model("users", USERS, "canOperate", true, "csrf", "t"));

        assertTrue(page.contains("<td class=\"max-contacts\">10 (registrar)</td>"), page);
        assertTrue(page.contains("<td class=\"max-contacts\">2</td>"), page);
        assertTrue(page.contains("<td class=\"nat-policy\">always</td>"), page);
        assertTrue(page.contains("<td class=\"home-route\">trunk:out</td>"), page);
        assertTrue(page.contains("<td class=\"tunnel\">allowed</td>") && page.contains("<td class=\"tunnel\">denied</td>"),
                page);
        assertTrue(page.contains("<option value=\"always\" selected>always</option>"), page);
        assertTrue(page.contains("name=\"homeRoute\" value=\"trunk:out\""), page);
        assertFalse(page.contains("id=\"error\""), page);
    }

    @Test
    void aRefusedFieldIsMarkedWhereItWasTyped() {
        String added = templates.render("users", View.model("users", USERS, "canOperate", true, "csrf", "t",
                "error", "homeRoute: destination 'moon' is not KIND:VALUE", "errorField", "homeRoute",
                "homeRoute", "moon"));
        assertTrue(added.contains("id=\"add-homeRoute-error\">homeRoute: destination &#39;moon&#39;"), added);
        assertTrue(added.contains("<input name=\"homeRoute\" value=\"moon\">"), added);

        String updated = templates.render("users", View.model("users", USERS, "canOperate", true, "csrf", "t",
                "updateError", "maxContacts: 0 (the registrar's setting) to 100, not 500", "errorField",
                "maxContacts", "errorUser", "roamer", "errorDomain", ""));
        assertTrue(updated.contains("id=\"update-maxContacts-error\""), updated);
        assertTrue(updated.indexOf("update-maxContacts-error") > updated.indexOf("value=\"roamer\""),
                "in roamer's row, not alice's");
    }
}
