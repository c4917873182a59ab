package org.natterjack.pstn.asterisk;

/** manager.conf: AMI on Asterisk's loopback address, one account for the adapter, allowed from loopback only. */
final class ManagerConf {

    private ManagerConf() {
    }

    static String render(ConfigInputs in) {
        ConfText conf = ConfText.asterisk("The manager interface (AMI) the adapter controls Asterisk through.");
        conf.section("general")
                .set("enabled", "yes")
                .set("bindaddr", in.settings().asteriskAddress())
                .set("port", in.settings().amiPort());
        conf.section(in.settings().amiUsername())
                .set("secret", in.amiSecret())
                .set("deny", "0.0.0.0/0.0.0.0")
                .set("permit", "127.0.0.0/255.0.0.0")
                .set("read", "system,call,reporting,command")
                .set("write", "system,call,reporting,command,originate,config");
        return conf.text();
    }
}
