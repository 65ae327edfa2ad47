package io.github.jwtstarter.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.test.TestKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * The cost of verifying one token: the starter's verifier (built by its
 * auto-configuration, local keys) on a cache miss and a cache hit, with 1, 10 and 100
 * providers, against raw Nimbus ({@link NimbusJwtDecoder} with the same checks: issuer,
 * audience, timestamps) and against stock Spring Security's per-request work
 * ({@link JwtAuthenticationProvider}: decode plus Authentication), for RS256 and ES256;
 * the starter's cache miss again with Amazon Corretto Crypto Provider checking signatures
 * ({@code jwt.crypto.provider: auto}, ACCP on this module's class path; the other starter
 * benchmarks set {@code jdk}), and EdDSA (Ed25519, verified with Google Tink). Raw Nimbus
 * and stock Spring Security use the JDK's providers.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerificationBenchmarks {

	static final RSAKey RSA_KEY = TestKeys.rsa("bench-rsa");

	static final ECKey EC_KEY = TestKeys.ec("bench-ec", Curve.P_256);

	static final OctetKeyPair ED_KEY = TestKeys.ed25519("bench-ed");

	// Raw Nimbus and stock Spring Security

	@Benchmark
	public Jwt nimbusRs256(NimbusRs256 state) {
		return state.decoder.decode(state.token);
	}

	@Benchmark
	public Authentication springSecurityRs256(NimbusRs256 state) {
		return state.provider.authenticate(new BearerTokenAuthenticationToken(state.token));
	}

	@Benchmark
	public Jwt nimbusEs256(NimbusEs256 state) {
		return state.decoder.decode(state.token);
	}

	// The starter

	@Benchmark
	public VerifiedJwt starterRs256(StarterRs256 state) {
		return state.verify();
	}

	@Benchmark
	public VerifiedJwt starterRs256Providers10(StarterRs256Providers10 state) {
		return state.verify();
	}

	@Benchmark
	public VerifiedJwt starterRs256Providers100(StarterRs256Providers100 state) {
		return state.verify();
	}

	@Benchmark
	public VerifiedJwt starterRs256CacheHit(StarterRs256CacheHit state) {
		return state.verify();
	}

	@Benchmark
	public VerifiedJwt starterEs256(StarterEs256 state) {
		return state.verify();
	}

	@Benchmark
	public VerifiedJwt starterRs256Accp(StarterRs256Accp state) {
		return state.verify();
	}

	@Benchmark
	public VerifiedJwt starterEs256Accp(StarterEs256Accp state) {
		return state.verify();
	}

	@Benchmark
	public VerifiedJwt starterEdDsa(StarterEdDsa state) {
		return state.verify();
	}

	static OAuth2TokenValidator<Jwt> sameChecksAsStarter(String issuer) {
		return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(aud) -> aud != null && aud.contains(BenchmarkTokens.AUDIENCE)));
	}

	/**
	 * {@code NimbusJwtDecoder.withPublicKey(...)} and stock Spring Security's
	 * authentication provider on an RS256 token.
	 */
	@State(Scope.Benchmark)
	public static class NimbusRs256 {

		String token;

		NimbusJwtDecoder decoder;

		JwtAuthenticationProvider provider;

		@Setup(Level.Trial)
		public void setUp() throws JOSEException {
			this.token = BenchmarkTokens.token(BenchmarkTokens.issuer(0), "alice", RSA_KEY);
			this.decoder = NimbusJwtDecoder.withPublicKey(RSA_KEY.toRSAPublicKey()).build();
			this.decoder.setJwtValidator(sameChecksAsStarter(BenchmarkTokens.issuer(0)));
			this.provider = new JwtAuthenticationProvider(this.decoder);
		}

	}

	/**
	 * A {@link NimbusJwtDecoder} with a single-key selector on an ES256 token, as
	 * {@code withPublicKey} builds for RSA.
	 */
	@State(Scope.Benchmark)
	public static class NimbusEs256 {

		String token;

		NimbusJwtDecoder decoder;

		@Setup(Level.Trial)
		public void setUp() throws JOSEException {
			this.token = BenchmarkTokens.token(BenchmarkTokens.issuer(0), "alice", EC_KEY);
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			processor.setJWSKeySelector(new SingleKeyJWSKeySelector<>(JWSAlgorithm.ES256, EC_KEY.toECPublicKey()));
			processor.setJWTClaimsSetVerifier((claims, context) -> {
			});
			this.decoder = new NimbusJwtDecoder(processor);
			this.decoder.setJwtValidator(sameChecksAsStarter(BenchmarkTokens.issuer(0)));
		}

	}

	/**
	 * The starter's verifier with some providers, the token signed for the last one.
	 */
	public abstract static class StarterState {

		private final int providers;

		private final boolean cache;

		private final JWK key;

		private final String crypto;

		String token;

		JwtVerifier verifier;

		ConfigurableApplicationContext context;

		StarterState(int providers, boolean cache, boolean ec) {
			this(providers, cache, ec ? EC_KEY : RSA_KEY, "jdk");
		}

		StarterState(int providers, boolean cache, JWK key, String crypto) {
			this.providers = providers;
			this.cache = cache;
			this.key = key;
			this.crypto = crypto;
		}

		@Setup(Level.Trial)
		public void setUp() {
			this.context = BenchmarkTokens.starter(this.providers, this.key, this.cache, this.crypto);
			this.verifier = this.context.getBean(JwtVerifier.class);
			this.token = BenchmarkTokens.token(BenchmarkTokens.issuer(this.providers - 1), "alice", this.key);
			verify();
		}

		@TearDown(Level.Trial)
		public void tearDown() {
			this.context.close();
		}

		VerifiedJwt verify() {
			return this.verifier.verify(this.token, (provider) -> true);
		}

	}

	@State(Scope.Benchmark)
	public static class StarterRs256 extends StarterState {

		public StarterRs256() {
			super(1, false, false);
		}

	}

	@State(Scope.Benchmark)
	public static class StarterRs256Providers10 extends StarterState {

		public StarterRs256Providers10() {
			super(10, false, false);
		}

	}

	@State(Scope.Benchmark)
	public static class StarterRs256Providers100 extends StarterState {

		public StarterRs256Providers100() {
			super(100, false, false);
		}

	}

	@State(Scope.Benchmark)
	public static class StarterRs256CacheHit extends StarterState {

		public StarterRs256CacheHit() {
			super(1, true, false);
		}

	}

	@State(Scope.Benchmark)
	public static class StarterEs256 extends StarterState {

		public StarterEs256() {
			super(1, false, true);
		}

	}

	@State(Scope.Benchmark)
	public static class StarterRs256Accp extends StarterState {

		public StarterRs256Accp() {
			super(1, false, RSA_KEY, "auto");
		}

	}

	@State(Scope.Benchmark)
	public static class StarterEs256Accp extends StarterState {

		public StarterEs256Accp() {
			super(1, false, EC_KEY, "auto");
		}

	}

	@State(Scope.Benchmark)
	public static class StarterEdDsa extends StarterState {

		public StarterEdDsa() {
			super(1, false, ED_KEY, "jdk");
		}

	}

}
