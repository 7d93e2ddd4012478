package dev.scoring.runtime.http;

/**
 * A request read and checked by {@link FunctionRequestReader}: the function to call, its input (a JSON
 * tree for a plain request, a CloudEvents SDK event for an event), and how the answer is written.
 */
record FunctionCall(BoundFunction function, Object input, Reply reply) {

    /** How the answer goes back: the same way the request came. */
    enum Reply {
        /** The function's result as a JSON body. */
        JSON,
        /** A CloudEvent in binary mode: attributes as {@code ce-*} headers, data as the body. */
        BINARY_EVENT,
        /** A CloudEvent in structured mode: the whole event as an {@code application/cloudevents+json} body. */
        STRUCTURED_EVENT
    }
}
