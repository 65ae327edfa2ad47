package io.github.jwtstarter.jwt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Passes every fetched JWK Set through the {@link JwkQualityGate} (skipping weak keys
 * with a warning, repeated only when the skipped keys change) and reports each fetch to
 * the {@link JwksFetchListener}. A failed fetch is reported at once; a successful one
 * only through {@link #announceFetched()}, which the caching source above calls once it
 * serves the new set: announcing earlier would let a token verified with a removed key,
 * still cached above, enter the verified-token cache under the new generation.
 * <p>
 * Each fetch (discovery included) is also a Micrometer {@link Observation} named
 * {@value #OBSERVATION_NAME}, tagged {@code jwt.provider} and {@code outcome}
 * ({@code success} or {@code failure}): a span inside the trace of the request that
 * needed the keys. Nothing is observed with the no-op registry.
 */
final class ObservedJwkSetSource extends JWKSetSourceWrapper<SecurityContext> {

	/** Name of the observation of one fetch. */
	static final String OBSERVATION_NAME = "jwt.jwks.fetch";

	private static final Log logger = LogFactory.getLog(ObservedJwkSetSource.class);

	private final ObservationRegistry observations;

	private final String providerId;

	private final JwksFetchListener listener;

	private final Clock clock;

	private final boolean edDsa;

	private volatile List<String> lastRejected = List.of();

	private final AtomicReference<@Nullable JwksFetchEvent> fetched = new AtomicReference<>();

	ObservedJwkSetSource(JWKSetSource<SecurityContext> source, String providerId, JwksFetchListener listener,
			Clock clock, boolean edDsa) {
		this(source, providerId, listener, clock, edDsa, ObservationRegistry.NOOP);
	}

	ObservedJwkSetSource(JWKSetSource<SecurityContext> source, String providerId, JwksFetchListener listener,
			Clock clock, boolean edDsa, ObservationRegistry observations) {
		super(source);
		Assert.notNull(observations, "observations cannot be null");
		this.observations = observations;
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.notNull(listener, "listener cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.providerId = providerId;
		this.listener = listener;
		this.clock = clock;
		this.edDsa = edDsa;
	}

	/**
	 * The chain of causes, e.g. an untrusted certificate or an HTTP 401, for the debug
	 * log. The retriever's messages name no token and no key material.
	 */
	private static String causes(Throwable failure) {
		StringBuilder causes = new StringBuilder();
		for (Throwable cause = failure; cause != null && causes.length() < 1000; cause = cause.getCause()) {
			if (!causes.isEmpty()) {
				causes.append(" <- ");
			}
			causes.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
		}
		return causes.toString();
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		if (this.observations.isNoop()) {
			return fetch(refreshEvaluator, currentTime, context);
		}
		Observation observation = Observation.createNotStarted(OBSERVATION_NAME, this.observations)
			.contextualName("jwt jwks fetch")
			.lowCardinalityKeyValue("jwt.provider", this.providerId)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			JWKSet fetched = fetch(refreshEvaluator, currentTime, context);
			observation.lowCardinalityKeyValue("outcome", "success");
			return fetched;
		}
		catch (KeySourceException | RuntimeException ex) {
			observation.lowCardinalityKeyValue("outcome", "failure");
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private JWKSet fetch(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		JWKSet fetched;
		try {
			fetched = getSource().getJWKSet(refreshEvaluator, currentTime, context);
		}
		catch (KeySourceException | RuntimeException ex) {
			logger.warn("Fetching the JWK Set of JWT provider '" + this.providerId + "' failed: "
					+ ex.getClass().getSimpleName());
			if (logger.isDebugEnabled()) {
				logger.debug("JWT provider '" + this.providerId + "': fetch failure causes: " + causes(ex));
			}
			this.listener.onFetch(new JwksFetchEvent(this.providerId, false, null, 0, this.clock.instant()));
			throw ex;
		}
		List<String> rejected = new ArrayList<>();
		JWKSet usable = JwkQualityGate.usable(fetched, rejected, this.edDsa);
		if (!rejected.equals(this.lastRejected)) {
			for (String reason : rejected) {
				logger.warn("JWT provider '" + this.providerId + "': skipped " + reason);
			}
			this.lastRejected = rejected;
		}
		this.fetched.set(new JwksFetchEvent(this.providerId, true, usable, rejected.size(), this.clock.instant()));
		return usable;
	}

	/**
	 * Report the last successful fetch, once the caching source above serves its keys.
	 */
	void announceFetched() {
		JwksFetchEvent event = this.fetched.getAndSet(null);
		if (event != null) {
			this.listener.onFetch(event);
		}
	}

}
