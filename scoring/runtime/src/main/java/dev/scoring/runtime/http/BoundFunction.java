package dev.scoring.runtime.http;

import java.lang.reflect.InvocationTargetException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunqyServerRequest;
import io.quarkus.funqy.runtime.FunqyServerResponse;
import io.quarkus.funqy.runtime.RequestContext;
import io.quarkus.funqy.runtime.RequestContextImpl;
import io.smallrye.mutiny.Uni;

/**
 * A Funqy function as the binding calls it. A function of a singleton bean with one parameter (the scoring
 * functions) is called directly on that bean: Funqy's {@link FunctionInvoker#invoke} looks the bean up and wraps the
 * result in a {@link Uni} on every call, which cost several percent of a one-row request. Any other function goes
 * through Funqy's invoker, as Funqy's own bindings call it.
 */
final class BoundFunction {

    private final FunctionInvoker invoker;
    /** The singleton the function is called on, or {@code null} to go through Funqy's invoker. */
    private final Object target;

    private BoundFunction(FunctionInvoker invoker, Object target) {
        this.invoker = invoker;
        this.target = target;
    }

    static BoundFunction of(FunctionInvoker invoker) {
        if (invoker.getMethod().getParameterCount() == 1) {
            InstanceHandle<?> bean = Arc.container().instance(invoker.getTargetClass());
            Class<?> scope = bean.isAvailable() ? bean.getBean().getScope() : null;
            if (scope == Singleton.class || scope == ApplicationScoped.class) {
                return new BoundFunction(invoker, bean.get());
            }
        }
        return new BoundFunction(invoker, null);
    }

    /**
     * Calls the function with its input.
     *
     * @return its result, or a {@link Uni} of it when the function is asynchronous or goes through Funqy's invoker
     * @throws RuntimeException what the function threw (a refusal is a {@code ScoringException})
     */
    Object call(Object input) {
        if (target == null) {
            Invocation invocation = new Invocation(input);
            invoker.invoke(invocation, invocation);
            return invocation.getOutput();
        }
        try {
            return invoker.getMethod().invoke(target, input);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the function " + invoker.getName() + " cannot be called", e);
        }
    }

    /** One call's input and output, as Funqy's invoker takes and gives them. */
    private static final class Invocation implements FunqyServerRequest, FunqyServerResponse {

        private final Object input;
        private RequestContext context;
        private Uni<?> output;

        Invocation(Object input) {
            this.input = input;
        }

        @Override
        public RequestContext context() {
            if (context == null) {
                context = new RequestContextImpl(); // only for functions that ask for @Context
            }
            return context;
        }

        @Override
        public Object extractInput(Class inputClass) {
            return input;
        }

        @Override
        public Uni<?> getOutput() {
            return output;
        }

        @Override
        public void setOutput(Uni<?> output) {
            this.output = output;
        }
    }
}
