package org.natterjack.pstn.ami;

/** An AMI action could not be carried out: the link is down, Asterisk refused it, or did not answer in time. */
public final class AmiException extends Exception {

    private static final long serialVersionUID = 1L;

    public AmiException(String message) {
        super(message);
    }

    public AmiException(String message, Throwable cause) {
        super(message, cause);
    }
}
