package io.github.jwtstarter.test;

import java.util.function.Supplier;

import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The two providers most application tests configure: {@code corp}, a company identity
 * provider ({@value #CORP_ISSUER}, key {@code corp-1}), and {@code kube}, Kubernetes
 * service accounts ({@value #KUBE_ISSUER}, key {@code kube-1}). Each provider's keys are
 * either its local public key (PEM) or a JWK Set URL, typically a {@link JwksServer}
 * started with {@link #CORP_KEY} or {@link #KUBE_KEY}; sign the tokens with those keys. A
 * test adds what it needs on top (audiences, token sources, routes, policies) with
 * further {@code registry.add(…)} calls:
 *
 * <pre class="code">
 * static final JwksServer corp = JwksServer.start(CorpAndKube.CORP_KEY);
 *
 * &#64;DynamicPropertySource
 * static void properties(DynamicPropertyRegistry registry) {
 * 	CorpAndKube.register(registry, corp::jwksUri);
 * 	registry.add("jwt.providers.kube.require-expiration", () -&gt; "false");
 * }
 * </pre>
 */
public final class CorpAndKube {

	/** Issuer of the {@code corp} provider. */
	public static final String CORP_ISSUER = "https://corp.example";

	/** Issuer of the {@code kube} provider (Kubernetes service-account tokens). */
	public static final String KUBE_ISSUER = "kubernetes/serviceaccount";

	/** Signing key of the {@code corp} provider ({@code kid} {@code corp-1}). */
	public static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	/** Signing key of the {@code kube} provider ({@code kid} {@code kube-1}). */
	public static final RSAKey KUBE_KEY = TestKeys.rsa("kube-1");

	private static final String CORP = "jwt.providers.corp.";

	private static final String KUBE = "jwt.providers.kube.";

	private CorpAndKube() {
	}

	/**
	 * Registers both providers, each with its local public key.
	 * @param registry the registry of the test's properties
	 */
	public static void register(DynamicPropertyRegistry registry) {
		registerCorp(registry);
		registerKube(registry);
	}

	/**
	 * Registers {@code corp} with a JWK Set URL and {@code kube} with its local public
	 * key.
	 * @param registry the registry of the test's properties
	 * @param corpJwksUri the {@code corp} provider's JWK Set URL
	 */
	public static void register(DynamicPropertyRegistry registry, Supplier<Object> corpJwksUri) {
		registerCorp(registry, corpJwksUri);
		registerKube(registry);
	}

	/**
	 * Registers both providers with a JWK Set URL each.
	 * @param registry the registry of the test's properties
	 * @param corpJwksUri the {@code corp} provider's JWK Set URL
	 * @param kubeJwksUri the {@code kube} provider's JWK Set URL
	 */
	public static void register(DynamicPropertyRegistry registry, Supplier<Object> corpJwksUri,
			Supplier<Object> kubeJwksUri) {
		registerCorp(registry, corpJwksUri);
		registerKube(registry, kubeJwksUri);
	}

	/**
	 * Registers {@code corp} with its local public key.
	 * @param registry the registry of the test's properties
	 */
	public static void registerCorp(DynamicPropertyRegistry registry) {
		registry.add(CORP + "issuer", () -> CORP_ISSUER);
		registry.add(CORP + "jwks.local", () -> TestKeys.toPem(CORP_KEY));
	}

	/**
	 * Registers {@code corp} with a JWK Set URL.
	 * @param registry the registry of the test's properties
	 * @param jwksUri the JWK Set URL
	 */
	public static void registerCorp(DynamicPropertyRegistry registry, Supplier<Object> jwksUri) {
		registry.add(CORP + "issuer", () -> CORP_ISSUER);
		registry.add(CORP + "jwks.uri", jwksUri);
	}

	/**
	 * Registers {@code kube} with its local public key.
	 * @param registry the registry of the test's properties
	 */
	public static void registerKube(DynamicPropertyRegistry registry) {
		registry.add(KUBE + "issuer", () -> KUBE_ISSUER);
		registry.add(KUBE + "jwks.local", () -> TestKeys.toPem(KUBE_KEY));
	}

	/**
	 * Registers {@code kube} with a JWK Set URL.
	 * @param registry the registry of the test's properties
	 * @param jwksUri the JWK Set URL
	 */
	public static void registerKube(DynamicPropertyRegistry registry, Supplier<Object> jwksUri) {
		registry.add(KUBE + "issuer", () -> KUBE_ISSUER);
		registry.add(KUBE + "jwks.uri", jwksUri);
	}

}
