package io.github.jwtstarter.jwt;

import io.micrometer.observation.Observation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VerificationObservationHttpTests} on the servlet stack (Tomcat), where the
 * verification is a child of Spring Security's filter chain observation, itself inside
 * the server's {@code http.server.requests}: a span in the request's trace.
 */
class ServletVerificationObservationHttpTests extends VerificationObservationHttpTests {

	@Override
	void assertVerificationParent(Observation.Context verification) {
		assertThat(name(verification.getParentObservation())).isEqualTo("spring.security.filterchains");
	}

}
