package io.github.jwtstarter.web.reactive;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.ClassUtils;

/**
 * The one way the reactive web layer runs work that may block (a key retrieval, a
 * signature check): on a worker scheduler, after which, when the server is Reactor Netty,
 * the rest of the chain (the application and the response write) continues on the event
 * loop the request arrived on, as if the starter had not been there. Work that completes
 * on a thread of its own (a replay store's client) is handed back the same way.
 * <p>
 * Besides keeping the application on the threads it expects, this avoids Reactor Netty
 * 1.3.7 and earlier losing a keep-alive connection: a response written from another
 * thread can reach the client before the server has finished the request, and when the
 * client's next request arrives in that gap, the connection stops reading
 * (reactor/reactor-netty#4361, fixed in 1.3.8, managed by Spring Boot 4.0.9 and 4.1.2).
 */
final class OffEventLoop {

	/**
	 * The Reactor context key of the current observation, Micrometer's
	 * {@code ObservationThreadLocalAccessor.KEY} (not referenced, so that its class,
	 * which needs the context-propagation library, is never loaded).
	 */
	private static final String OBSERVATION_KEY = "micrometer.observation";

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.Connection",
			OffEventLoop.class.getClassLoader());

	private OffEventLoop() {
	}

	/**
	 * Runs a task on a worker scheduler and hands its result back to the request's event
	 * loop.
	 * @param <T> the result type
	 * @param task the task, which may block
	 * @param scheduler where the task runs
	 * @param request the request whose event loop continues, {@code null} when unknown
	 * @return the result
	 */
	static <T> Mono<T> call(Callable<T> task, Scheduler scheduler, @Nullable ServerHttpRequest request) {
		Mono<T> work = Mono.deferContextual((context) -> Mono.fromCallable(() -> inObservation(context, task)))
			.subscribeOn(scheduler);
		Scheduler eventLoop = (request != null) ? eventLoop(request) : null;
		return (eventLoop != null) ? work.publishOn(eventLoop) : work;
	}

	/**
	 * Waits, without blocking, for work that completes on a thread of its own (a store
	 * client's), and hands its result back to the request's event loop.
	 * @param <T> the result type
	 * @param task starts the work when subscribed
	 * @param request the request whose event loop continues
	 * @return the result
	 */
	static <T> Mono<T> await(Supplier<? extends CompletionStage<? extends T>> task, ServerHttpRequest request) {
		Mono<T> work = Mono.fromCompletionStage(task);
		Scheduler eventLoop = eventLoop(request);
		return (eventLoop != null) ? work.publishOn(eventLoop) : work;
	}

	/**
	 * Runs the task with the request's current observation (the one the Reactor context
	 * carries, e.g. Spring Security's filter chain observation) current on the worker
	 * thread too, so that the task's own observations (the verification, a key fetch) are
	 * its children: spans in the request's trace.
	 */
	private static <T> T inObservation(ContextView context, Callable<T> task) throws Exception {
		Object current = context.getOrDefault(OBSERVATION_KEY, null);
		if (!(current instanceof Observation observation) || observation.isNoop()) {
			return task.call();
		}
		try (Observation.Scope scope = observation.openScope()) {
			return task.call();
		}
	}

	/**
	 * Returns a scheduler running on the request's event loop.
	 * @param request the request
	 * @return the scheduler, or {@code null} when the server is not Reactor Netty (or
	 * there is no server: a mock request)
	 */
	static @Nullable Scheduler eventLoop(ServerHttpRequest request) {
		if (!REACTOR_NETTY_PRESENT) {
			return null;
		}
		Object nativeRequest;
		try {
			nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// a request type that hides its native request, or a mock without a server
			return null;
		}
		Executor eventLoop = ReactorNetty.eventLoop(nativeRequest);
		return (eventLoop != null) ? Schedulers.fromExecutor(eventLoop) : null;
	}

	/**
	 * Reactor Netty types, loaded only when Reactor Netty is on the class path.
	 */
	private static final class ReactorNetty {

		static @Nullable Executor eventLoop(Object nativeRequest) {
			return (nativeRequest instanceof reactor.netty.Connection connection) ? connection.channel().eventLoop()
					: null;
		}

	}

}
