package io.github.jwtstarter.jwt;

import io.micrometer.observation.Observation;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VerificationObservationHttpTests} on the reactive stack (WebFlux on Netty). The
 * verification runs off the event loop, where the request's observation is not current:
 * it is observed without a parent (the off-loop step of the web filter does not carry the
 * observation of the Reactor context over yet).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveVerificationObservationHttpTests extends VerificationObservationHttpTests {

	@Override
	void assertVerificationParent(Observation.Context verification) {
		assertThat(verification.getParentObservation()).isNull();
	}

}
