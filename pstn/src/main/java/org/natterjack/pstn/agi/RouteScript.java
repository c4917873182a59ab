package org.natterjack.pstn.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI script {@code route} that the {@code from-pstn} context runs for every incoming PSTN call: it
 * routes the dialled number and leaves the answer in channel variables for the dialplan: {@code NJ_ROUTE}
 * (gateway, trunk or reject), {@code NJ_NUMBER}, {@code NJ_OUT_TRUNK}, {@code NJ_CAUSE}.
 */
final class RouteScript implements AgiScript {

    static final String NAME = "route";
    private static final Logger LOG = LoggerFactory.getLogger(RouteScript.class);

    private final InboundRouter router;

    RouteScript(InboundRouter router) {
        this.router = router;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String did = request.getExtension();
        String trunk = request.getParameter("trunk");
        InboundRoute route = router.route(did);
        if (route instanceof InboundRoute.ToGateway gateway) {
            channel.setVariable("NJ_ROUTE", "gateway");
            channel.setVariable("NJ_NUMBER", gateway.number());
        } else if (route instanceof InboundRoute.ToTrunk out) {
            channel.setVariable("NJ_ROUTE", "trunk");
            channel.setVariable("NJ_OUT_TRUNK", out.trunk());
            channel.setVariable("NJ_NUMBER", out.number());
        } else if (route instanceof InboundRoute.Reject reject) {
            channel.setVariable("NJ_ROUTE", "reject");
            channel.setVariable("NJ_CAUSE", Integer.toString(reject.cause()));
        }
        LOG.info("PSTN call to {} from {} on trunk {}: {}", did, request.getCallerIdNumber(), trunk, route);
    }
}
