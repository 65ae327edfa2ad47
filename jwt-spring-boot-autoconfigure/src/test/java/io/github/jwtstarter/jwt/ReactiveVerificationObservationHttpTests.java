package io.github.jwtstarter.jwt;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link VerificationObservationHttpTests} on the reactive stack (WebFlux on Netty).
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class ReactiveVerificationObservationHttpTests extends VerificationObservationHttpTests {

}
