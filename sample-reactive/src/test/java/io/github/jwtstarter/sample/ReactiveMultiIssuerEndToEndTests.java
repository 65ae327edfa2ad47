package io.github.jwtstarter.sample;

import io.github.jwtstarter.sample.reactive.ReactiveSampleApplication;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The servlet sample's {@link MultiIssuerEndToEndTests} against the reactive sample
 * (WebFlux on Netty), with the same configuration.
 */
@SpringBootTest(classes = ReactiveSampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactiveMultiIssuerEndToEndTests extends MultiIssuerEndToEndTests {

	@Test
	@Override
	@Disabled("Open: on Netty one request of this sequence (Bearer, raw and cookie requests per input on one "
			+ "keep-alive connection of the JDK client) gets no response; each input sent alone is answered 401")
	void randomizedMalformedTokensAndHeadersNeverYield5xx() {
	}

}
