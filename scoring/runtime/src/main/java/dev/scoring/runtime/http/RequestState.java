package dev.scoring.runtime.http;

import dev.scoring.runtime.Channel;

import io.vertx.ext.web.RoutingContext;

/**
 * What the HTTP adapter learns about a request while answering it, for the log line and the metrics
 * written after the answer: how it arrived, its id, and the refusal it got. One typed object per request,
 * kept on the routing context under a key only this class knows.
 */
final class RequestState {

    private static final String KEY = RequestState.class.getName();

    private Channel channel = Channel.HTTP;
    private String requestId;
    private String error;

    /** The request's state, made on first use. */
    static RequestState of(RoutingContext rc) {
        RequestState state = rc.get(KEY);
        if (state == null) {
            state = new RequestState();
            rc.put(KEY, state);
        }
        return state;
    }

    Channel channel() {
        return channel;
    }

    void channel(Channel channel) {
        this.channel = channel;
    }

    /** The id the request carried in its body (a structured-mode CloudEvent's id), or {@code null}. */
    String requestId() {
        return requestId;
    }

    void requestId(String requestId) {
        this.requestId = requestId;
    }

    /** The error code of the refusal the request got, or {@code null}. */
    String error() {
        return error;
    }

    void error(String error) {
        this.error = error;
    }
}
