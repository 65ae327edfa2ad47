package io.github.jwtstarter.jwt;

import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Who checks signatures: the JDK's providers, or Amazon Corretto Crypto Provider (ACCP)
 * for the RSA and EC algorithms it offers, and whether EdDSA (Ed25519) can be verified,
 * which Nimbus does with Google Tink only. ACCP is used for the starter's own verifiers,
 * never installed JVM-wide; public keys are converted to its key type once, when they
 * load.
 */
final class VerificationCrypto {

	static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

	static final String TINK_CLASS = "com.google.crypto.tink.subtle.Ed25519Verify";

	/**
	 * What to add for EdDSA, in messages about refused Ed25519 keys.
	 */
	static final String TINK_DEPENDENCY = "com.google.crypto.tink:tink";

	private static final Log logger = LogFactory.getLog(VerificationCrypto.class);

	/**
	 * The JCA names Nimbus asks for, by algorithm.
	 */
	private static final Map<JWSAlgorithm, String> SIGNATURES = Map.of(JWSAlgorithm.RS256, "SHA256withRSA",
			JWSAlgorithm.RS384, "SHA384withRSA", JWSAlgorithm.RS512, "SHA512withRSA", JWSAlgorithm.PS256, "RSASSA-PSS",
			JWSAlgorithm.PS384, "RSASSA-PSS", JWSAlgorithm.PS512, "RSASSA-PSS", JWSAlgorithm.ES256, "SHA256withECDSA",
			JWSAlgorithm.ES384, "SHA384withECDSA", JWSAlgorithm.ES512, "SHA512withECDSA");

	private final @Nullable Provider provider;

	private final Set<JWSAlgorithm> providerAlgorithms;

	private final boolean edDsa;

	private final JWSVerifierFactory verifierFactory;

	private VerificationCrypto(@Nullable Provider provider, boolean edDsa) {
		this.provider = provider;
		this.edDsa = edDsa;
		Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
		if (provider != null) {
			SIGNATURES.forEach((algorithm, name) -> {
				if (provider.getService("Signature", name) != null) {
					algorithms.add(algorithm);
				}
			});
		}
		this.providerAlgorithms = Set.copyOf(algorithms);
		this.verifierFactory = new VerifierFactory();
	}

	/**
	 * The JDK's providers; EdDSA when Tink can be loaded by this class's class loader.
	 * @return the JDK's crypto
	 */
	static VerificationCrypto jdk() {
		return jdk(VerificationCrypto.class.getClassLoader());
	}

	/**
	 * The JDK's providers; EdDSA when Tink can be loaded by the given class loader.
	 * @param classLoader the application's class loader
	 * @return the JDK's crypto
	 */
	static VerificationCrypto jdk(@Nullable ClassLoader classLoader) {
		return new VerificationCrypto(null, ClassUtils.isPresent(TINK_CLASS, classLoader));
	}

	/**
	 * Amazon Corretto Crypto Provider when it is on the class path and loads (its native
	 * library included), else the JDK's providers with a warning naming why.
	 * @param classLoader the application's class loader
	 * @return the crypto to verify with
	 */
	static VerificationCrypto preferAccp(@Nullable ClassLoader classLoader) {
		boolean edDsa = ClassUtils.isPresent(TINK_CLASS, classLoader);
		if (!ClassUtils.isPresent(ACCP_CLASS, classLoader)) {
			logger
				.debug("JWT signatures are checked by the JDK (Amazon Corretto Crypto Provider not on the class path)");
			return new VerificationCrypto(null, edDsa);
		}
		try {
			Class<?> type = ClassUtils.forName(ACCP_CLASS, classLoader);
			Provider accp = (Provider) type.getField("INSTANCE").get(null);
			Object loadingError = type.getMethod("getLoadingError").invoke(accp);
			if (loadingError != null) {
				logger.warn("Amazon Corretto Crypto Provider is on the class path but did not load (" + loadingError
						+ "); JWT signatures are checked by the JDK");
				return new VerificationCrypto(null, edDsa);
			}
			logger.debug("JWT signatures are checked by " + accp.getName() + " " + accp.getVersionStr());
			return new VerificationCrypto(accp, edDsa);
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			logger.warn("Amazon Corretto Crypto Provider is on the class path but did not load ("
					+ ex.getClass().getSimpleName() + "); JWT signatures are checked by the JDK");
			return new VerificationCrypto(null, edDsa);
		}
	}

	/**
	 * Returns the name of the provider that checks RSA and EC signatures, {@code JDK} for
	 * the JDK's own.
	 * @return the provider name
	 */
	String providerName() {
		return (this.provider != null) ? this.provider.getName() : "JDK";
	}

	/**
	 * Returns whether EdDSA (Ed25519) signatures can be verified: Google Tink is present.
	 * @return whether EdDSA is supported
	 */
	boolean supportsEdDsa() {
		return this.edDsa;
	}

	JWSVerifierFactory verifierFactory() {
		return this.verifierFactory;
	}

	/**
	 * Returns the key as the provider's own key type, converted once here rather than on
	 * every verification; the key itself when the JDK verifies or conversion fails.
	 */
	Key prepare(Key key) {
		if (this.provider == null || !(key instanceof RSAPublicKey || key instanceof ECPublicKey)) {
			return key;
		}
		try {
			return KeyFactory.getInstance(key.getAlgorithm(), this.provider).translateKey(key);
		}
		catch (Exception ex) {
			return key;
		}
	}

	@Override
	public String toString() {
		return "VerificationCrypto[" + providerName() + (this.edDsa ? ", EdDSA" : "") + "]";
	}

	/**
	 * Nimbus' verifiers: the provider's for the algorithms it offers, the JDK's for the
	 * others, Tink's for Ed25519 keys.
	 */
	private final class VerifierFactory implements JWSVerifierFactory {

		private final DefaultJWSVerifierFactory jdk = new DefaultJWSVerifierFactory();

		private final DefaultJWSVerifierFactory provided = new DefaultJWSVerifierFactory();

		private final Set<JWSAlgorithm> algorithms;

		VerifierFactory() {
			if (VerificationCrypto.this.provider != null) {
				this.provided.getJCAContext().setProvider(VerificationCrypto.this.provider);
			}
			Set<JWSAlgorithm> all = new LinkedHashSet<>(this.jdk.supportedJWSAlgorithms());
			if (VerificationCrypto.this.edDsa) {
				all.add(JWSAlgorithm.EdDSA);
				all.add(JWSAlgorithm.Ed25519);
			}
			this.algorithms = Set.copyOf(all);
		}

		@Override
		public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
			if (key instanceof OctetPublicKey okp) {
				if (!VerificationCrypto.this.edDsa) {
					throw new JOSEException("EdDSA needs " + TINK_DEPENDENCY);
				}
				return okp.verifier();
			}
			if (VerificationCrypto.this.providerAlgorithms.contains(header.getAlgorithm())) {
				return this.provided.createJWSVerifier(header, key);
			}
			return this.jdk.createJWSVerifier(header, key);
		}

		@Override
		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			return this.algorithms;
		}

		@Override
		public JCAContext getJCAContext() {
			return this.provided.getJCAContext();
		}

	}

}
