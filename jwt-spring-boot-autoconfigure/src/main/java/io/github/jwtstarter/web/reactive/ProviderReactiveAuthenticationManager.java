package io.github.jwtstarter.web.reactive;

import java.util.function.Predicate;

import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.VerifiedJwt;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Authenticates bearer tokens of one issuer with the starter's verifier, for a
 * {@code SecurityWebFilterChain} of your own (through the
 * {@code JwtIssuerReactiveAuthenticationManagerResolver} bean). Follows the same blocking
 * rule as the starter's web filter: a cached token is answered inline, any other is
 * verified off the event loop (by default on {@link Schedulers#boundedElastic()}), and on
 * Reactor Netty the chain then continues on the request's event loop (Spring Security
 * puts the exchange in the Reactor context). A rejection is an
 * {@link InvalidBearerTokenException} with the starter's short description.
 */
public final class ProviderReactiveAuthenticationManager implements ReactiveAuthenticationManager {

	private final JwtVerifier verifier;

	private final Predicate<JwtProvider> admissible;

	private final Scheduler verificationScheduler;

	/**
	 * Creates a manager for the tokens of one issuer, verifying on
	 * {@link Schedulers#boundedElastic()}.
	 * @param verifier the verifier
	 * @param issuer the issuer whose provider verifies the tokens
	 */
	public ProviderReactiveAuthenticationManager(JwtVerifier verifier, String issuer) {
		this(verifier, issuer, Schedulers.boundedElastic());
	}

	/**
	 * Creates a manager for the tokens of one issuer.
	 * @param verifier the verifier
	 * @param issuer the issuer whose provider verifies the tokens
	 * @param verificationScheduler where verifications that may block run
	 */
	public ProviderReactiveAuthenticationManager(JwtVerifier verifier, String issuer, Scheduler verificationScheduler) {
		Assert.notNull(verifier, "verifier cannot be null");
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.notNull(verificationScheduler, "verificationScheduler cannot be null");
		this.verifier = verifier;
		this.admissible = (provider) -> provider.getIssuer().equals(issuer);
		this.verificationScheduler = verificationScheduler;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
			return Mono.empty();
		}
		String token = bearer.getToken();
		try {
			VerifiedJwt cached = this.verifier.verifyCached(token, this.admissible);
			if (cached != null) {
				return Mono.just(cached.authentication());
			}
		}
		catch (JwtVerificationException ex) {
			return Mono.error(invalid(ex));
		}
		return Mono.deferContextual((context) -> OffEventLoop
			.call(() -> (Authentication) this.verifier.verify(token, this.admissible).authentication(),
					this.verificationScheduler,
					context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
						.map(ServerWebExchange::getRequest)
						.orElse(null))
			.onErrorMap(JwtVerificationException.class, ProviderReactiveAuthenticationManager::invalid));
	}

	private static InvalidBearerTokenException invalid(JwtVerificationException ex) {
		return new InvalidBearerTokenException(ex.getFailure().description(), ex);
	}

}
