package io.github.jwtstarter.sample;

import io.github.jwtstarter.sample.reactive.ReactiveSampleApplication;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The servlet sample's {@link IdentityProvidersEndToEndTests} against the reactive sample
 * (WebFlux on Netty): keys discovered from a real Spring Authorization Server started on
 * loopback (after the application, so discovery is lazy), its client-credentials tokens
 * and key rotation, next to local and remote keys of other providers.
 */
@SpringBootTest(classes = ReactiveSampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveIdentityProvidersEndToEndTests extends IdentityProvidersEndToEndTests {

}
