package io.github.jwtstarter.web.reactive;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authorization.ClaimsTestApplication;
import io.github.jwtstarter.jwt.JwtVerificationListener;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.RedisServer;
import io.github.jwtstarter.test.TestHttp;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No blocking call on a Netty event-loop thread, proven with BlockHound: under concurrent
 * load with a cold key cache (a rotated-in key that a slow JWKS endpoint on loopback
 * serves), every verification that needs keys runs on {@code boundedElastic}, every cache
 * hit is answered on the event loop itself (no thread hop), and BlockHound sees no
 * blocking call on an event loop; DPoP proofs recorded in a shared replay store on a real
 * {@code redis-server} wait for Redis without blocking either. A deliberately blocking
 * endpoint shows that the detector does catch one. Runs on JDK 24 and older: BlockHound
 * 1.0.11 cannot instrument the JDK 25 runtime ("The instrumentation have failed", also
 * with its shaded Byte Buddy's experimental switch).
 */
@EnabledForJreRange(max = JRE.JAVA_24)
@SpringBootTest(classes = { ClaimsTestApplication.class, ReactiveNonBlockingTests.Probe.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveNonBlockingTests {

	static final RSAKey OLD_KEY = TestKeys.rsa("corp-1");

	static final RSAKey NEW_KEY = TestKeys.rsa("corp-2");

	static final JwksServer corp = JwksServer.start(OLD_KEY);

	static final int TOKENS = 32;

	static final Queue<String> blockingCalls = new ConcurrentLinkedQueue<>();

	static final Queue<String> verifications = new ConcurrentLinkedQueue<>();

	@LocalServerPort
	int port;

	static final RedisServer redis = RedisServer.start();

	static final DPoPProofs client = DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256));

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", redis::url);
		registry.add("jwt.providers.bound.issuer", () -> "https://bound.example");
		registry.add("jwt.providers.bound.jwks.local", () -> TestKeys.toPublicJwkSetJson(OLD_KEY));
		registry.add("jwt.providers.bound.sender-constraint.replay-store", () -> "redis");
		registry.add("jwt.providers.corp.issuer", () -> "https://corp.example");
		registry.add("jwt.providers.corp.jwks.uri", corp::jwksUri);
		registry.add("jwt.providers.corp.jwks.min-refresh-interval", () -> "0s");
		registry.add("jwt.routes[0].paths", () -> "/probe/**");
		registry.add("jwt.routes[0].validation-policy", () -> "allow-missing");
	}

	@BeforeAll
	static void installBlockHound() {
		// with the integrations on the class path (Reactor's, Netty's: which threads are
		// non-blocking, which of their own calls are allowed); record instead of throwing
		BlockHound.install((builder) -> builder.blockingMethodCallback((method) -> {
			StackTraceElement[] stack = new Throwable().getStackTrace();
			if (ours(Thread.currentThread(), stack)) {
				blockingCalls.add(Thread.currentThread().getName() + ": " + method + where(stack));
			}
		}));
	}

	/**
	 * Whether a blocking call is one this test is about: one on a Netty event loop (the
	 * server's, Redis's client's), or one made by the starter on any non-blocking thread.
	 * Reactor's global {@code parallel} scheduler also serves the timers of the other
	 * applications that the test JVM keeps (cached test contexts, their pools), whose own
	 * waits on it are not the starter's.
	 */
	static boolean ours(Thread thread, StackTraceElement[] stack) {
		if (thread instanceof FastThreadLocalThread) {
			return true;
		}
		for (StackTraceElement frame : stack) {
			if (frame.getClassName().startsWith("io.github.jwtstarter.")
					&& !frame.getClassName().startsWith(ReactiveNonBlockingTests.class.getName())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The frames below BlockHound's own, so that a failure says who blocked.
	 */
	static String where(StackTraceElement[] stack) {
		StringBuilder frames = new StringBuilder();
		int shown = 0;
		for (StackTraceElement frame : stack) {
			if (shown < 25 && !frame.getClassName().startsWith("reactor.blockhound")
					&& !frame.getClassName().startsWith(ReactiveNonBlockingTests.class.getName())) {
				frames.append("\n\tat ").append(frame);
				shown++;
			}
		}
		return frames.toString();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@BeforeEach
	void warmUp() {
		// first requests load classes (file reads) on the event loop; not what is
		// measured
		String token = corp("warm-up").signWith(OLD_KEY);
		for (int i = 0; i < 3; i++) {
			assertThat(get("/whoami", token).join().statusCode()).isEqualTo(200);
		}
		blockingCalls.clear();
		verifications.clear();
	}

	static TestJwts corp(String subject) {
		return TestJwts.issuer("https://corp.example").subject(subject);
	}

	CompletableFuture<HttpResponse<String>> get(String path, @Nullable String token) {
		TestHttp http = new TestHttp(this.port);
		return (token != null) ? http.getAsync(path, "Authorization", "Bearer " + token) : http.getAsync(path);
	}

	@Test
	void aBlockingCallOnAnEventLoopIsDetected() {
		assertThat(get("/probe/block", null).join().statusCode()).isEqualTo(200);
		assertThat(blockingCalls).anySatisfy((call) -> assertThat(call).contains("sleep"));
	}

	@Test
	void coldKeysUnderConcurrentLoadNeverBlockAnEventLoop() {
		corp.setKeys(OLD_KEY, NEW_KEY).respondSlowly(Duration.ofMillis(100));
		try {
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < TOKENS; i++) {
				tokens.add(corp("user-" + i).signWith(NEW_KEY));
			}
			int fetches = corp.requestCount();
			List<CompletableFuture<HttpResponse<String>>> first = tokens.stream()
				.map((token) -> get("/whoami", token))
				.toList();
			first.forEach((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
			assertThat(corp.requestCount()).isGreaterThan(fetches);
			List<CompletableFuture<HttpResponse<String>>> repeated = tokens.stream()
				.map((token) -> get("/whoami", token))
				.toList();
			repeated.forEach((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
		}
		finally {
			corp.healthy();
		}
		assertThat(blockingCalls).isEmpty();
		List<String> verified = List.copyOf(verifications);
		// a token verified while the key set changed is not cached (and verified again)
		assertThat(verified).hasSize(2 * TOKENS);
		assertThat(verified).filteredOn((entry) -> entry.startsWith("full "))
			.hasSizeGreaterThanOrEqualTo(TOKENS)
			.allSatisfy((entry) -> assertThat(entry).startsWith("full boundedElastic-"));
		assertThat(verified).filteredOn((entry) -> entry.startsWith("cached "))
			.isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry).startsWith("cached event-loop "));
	}

	@Test
	void dpopProofsRecordedInTheSharedRedisStoreNeverBlockAnEventLoop() {
		String token = TestJwts.issuer("https://bound.example")
			.subject("alice")
			.claim("cnf", client.confirmation())
			.signWith(OLD_KEY);
		TestHttp http = new TestHttp(this.port);
		// the first proof loads the DPoP and Redis classes (file reads) and opens the
		// connection
		assertThat(dpop(http, token).join().statusCode()).isEqualTo(200);
		blockingCalls.clear();
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < TOKENS; i++) {
			responses.add(dpop(http, token));
		}
		for (CompletableFuture<HttpResponse<String>> pending : responses) {
			HttpResponse<String> response = pending.join();
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			// after the store answered, the application runs on the request's event loop
			// again
			assertThat(response.body()).startsWith("event-loop ").doesNotContain("lettuce");
		}
		assertThat(blockingCalls).isEmpty();
	}

	static CompletableFuture<HttpResponse<String>> dpop(TestHttp http, String token) {
		return http.getAsync("/probe/thread", "Authorization", "DPoP " + token, "DPoP",
				client.proof("GET", http.url("/probe/thread"), token).sign());
	}

	@Test
	void afterAnOffLoopVerificationTheApplicationRunsOnTheRequestsEventLoop() {
		HttpResponse<String> response = get("/probe/thread", corp("fresh-" + System.nanoTime()).signWith(OLD_KEY))
			.join();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(verifications).singleElement().asString().startsWith("full boundedElastic-");
		assertThat(response.body()).startsWith("event-loop ");
	}

	@Test
	void aKeepAliveConnectionKeepsAnsweringAfterResponsesToOffLoopVerifications() {
		// each round: a token that needs an off-loop verification, then two requests
		// answered
		// inline, all on one keep-alive connection (Reactor Netty before 1.3.8 stopped
		// reading
		// such a connection when a response written off the event loop raced the next
		// request)
		for (int i = 0; i < 300; i++) {
			assertThat(get("/whoami", "not-a-token-" + i).join().statusCode()).isEqualTo(401);
			assertThat(get("/whoami", null).join().statusCode()).isEqualTo(401);
			assertThat(get("/probe/thread", null).join().statusCode()).isEqualTo(200);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	@Import({ Probe.BlockingController.class, Probe.ThreadController.class })
	static class Probe {

		@Bean
		JwtVerificationListener threadRecorder() {
			return (provider, failure, cached, nanos) -> verifications
				.add((cached ? "cached " : "full ") + ((Thread.currentThread() instanceof FastThreadLocalThread)
						? "event-loop " + Thread.currentThread().getName() : Thread.currentThread().getName()));
		}

		@RestController
		static class BlockingController {

			@GetMapping("/probe/block")
			Mono<String> block() throws InterruptedException {
				Thread.sleep(1);
				return Mono.just("blocked");
			}

		}

		@RestController
		static class ThreadController {

			@GetMapping("/probe/thread")
			Mono<String> thread() {
				Thread thread = Thread.currentThread();
				return Mono.just(((thread instanceof FastThreadLocalThread) ? "event-loop " : "") + thread.getName());
			}

		}

	}

}
