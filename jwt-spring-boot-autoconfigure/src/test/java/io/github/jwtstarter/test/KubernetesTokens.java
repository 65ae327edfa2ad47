package io.github.jwtstarter.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Service-account tokens shaped as Kubernetes issues them to pods since 1.24 (projected
 * tokens): {@code iss} the cluster's issuer, {@code sub}
 * {@code system:serviceaccount:<namespace>:<name>}, {@code aud} a list, {@code exp},
 * {@code iat}, {@code nbf}, and the identity nested under the dotted key
 * {@code kubernetes.io}: <pre class="code">
 * {"iss": "https://kubernetes.default.svc.cluster.local", "sub": "system:serviceaccount:default:svc-a",
 *  "aud": ["https://kubernetes.default.svc.cluster.local"], "exp": …, "iat": …, "nbf": …,
 *  "kubernetes.io": {"namespace": "default", "serviceaccount": {"name": "svc-a", "uid": "…"},
 *                    "pod": {"name": "…", "uid": "…"}}}
 * </pre>
 */
public final class KubernetesTokens {

	private KubernetesTokens() {
	}

	/**
	 * Start a projected service-account token whose audience is the issuer itself (what
	 * Kubernetes uses when the pod asks for no other audience); sign it with
	 * {@link TestJwts#signWith}.
	 * @param issuer the cluster's service-account issuer
	 * @param namespace the namespace
	 * @param serviceAccount the service account's name
	 * @return a token builder, valid for one hour from now
	 */
	public static TestJwts projected(String issuer, String namespace, String serviceAccount) {
		Instant now = Instant.now();
		return TestJwts.issuer(issuer)
			.subject("system:serviceaccount:" + namespace + ":" + serviceAccount)
			.claim("aud", List.of(issuer))
			.issuedAt(now)
			.notBefore(now)
			.expiresIn(Duration.ofHours(1))
			.claim("kubernetes.io",
					Map.of("namespace", namespace, "serviceaccount",
							Map.of("name", serviceAccount, "uid", uid(serviceAccount)), "pod",
							Map.of("name", serviceAccount + "-7c9d8f6b5-x2k4q", "uid", uid("pod/" + serviceAccount))));
	}

	private static String uid(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
	}

}
