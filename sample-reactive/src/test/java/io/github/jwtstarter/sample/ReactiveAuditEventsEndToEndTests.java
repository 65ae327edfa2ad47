package io.github.jwtstarter.sample;

import io.github.jwtstarter.sample.reactive.ReactiveSampleApplication;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * {@link AuditEventsEndToEndTests} against the reactive sample (WebFlux on Netty).
 */
@SpringBootTest(classes = { ReactiveSampleApplication.class, AuditEventsEndToEndTests.Audit.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactiveAuditEventsEndToEndTests extends AuditEventsEndToEndTests {

}
