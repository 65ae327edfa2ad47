package io.github.jwtstarter.jwt;

import io.micrometer.observation.Observation;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VerificationObservationHttpTests} on the reactive stack (WebFlux on Netty). The
 * verification runs off the event loop, with the observation of the Reactor context
 * (Spring Security's filter chain observation) made current there: a child of it, as on
 * the servlet stack, and a span in the request's trace.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveVerificationObservationHttpTests extends VerificationObservationHttpTests {

	@Override
	void assertVerificationParent(Observation.Context verification) {
		assertThat(name(verification.getParentObservation())).isEqualTo("spring.security.filterchains");
	}

}
