package io.github.jwtstarter.jwt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * A provider's checks of sender-constrained tokens, run on every request (a cached
 * verification included, since the proof of possession belongs to the request, not to the
 * token):
 * <ul>
 * <li>a malformed {@code cnf} claim is rejected;</li>
 * <li>{@code cnf.x5t#S256} (RFC 8705): the request's TLS client certificate must have
 * that SHA-256 thumbprint, whatever the scheme;</li>
 * <li>{@code cnf.jkt} (RFC 9449): the token must come with the {@code DPoP} scheme and a
 * valid proof ({@link DPoPProofVerifier}), never as a plain bearer token;</li>
 * <li>the provider's {@link DPoPMode}: {@code required} rejects tokens without
 * {@code cnf.jkt}, {@code disabled} rejects the {@code DPoP} scheme and DPoP-bound
 * tokens.</li>
 * </ul>
 * The equivalent of Spring Security's {@code X509CertificateThumbprintValidator} and
 * {@code DPoPAuthenticationProvider}, taking the certificate and proof from a
 * {@link TokenPresentation} rather than from the current servlet request.
 */
final class SenderConstraints {

	private final DPoPMode dpopMode;

	private final DPoPProofVerifier proofVerifier;

	/**
	 * Creates the checks.
	 * @param dpopMode whether DPoP is disabled, allowed or required
	 * @param proofVerifier the DPoP proof checks
	 */
	SenderConstraints(DPoPMode dpopMode, DPoPProofVerifier proofVerifier) {
		Assert.notNull(dpopMode, "dpopMode cannot be null");
		Assert.notNull(proofVerifier, "proofVerifier cannot be null");
		this.dpopMode = dpopMode;
		this.proofVerifier = proofVerifier;
	}

	/**
	 * The defaults: DPoP allowed, proofs accepted for 60 seconds with 60 seconds of clock
	 * skew, 100,000 proof ids remembered (a tenth of them per client key).
	 * @param clock the clock
	 * @return the checks
	 */
	static SenderConstraints defaults(Clock clock) {
		return new SenderConstraints(DPoPMode.ALLOWED,
				new DPoPProofVerifier(Duration.ofSeconds(60), Duration.ofSeconds(60), 100_000, clock));
	}

	/**
	 * Returns whether the provider accepts DPoP-bound tokens and the {@code DPoP} scheme.
	 * @return the mode
	 */
	DPoPMode getDPoPMode() {
		return this.dpopMode;
	}

	/**
	 * Checks that the request holds what the verified token is bound to.
	 * @param jwt the verified token
	 * @param presentation how the request presented it
	 * @return the recording of a DPoP proof's id in the provider's shared replay store,
	 * still to be done before the request may be trusted; {@code null} when there is
	 * nothing more to do
	 * @throws JwtVerificationException when the token may not be used this way
	 */
	DPoPReplayCheck.@Nullable Pending check(Jwt jwt, TokenPresentation presentation) {
		Assert.notNull(jwt, "jwt cannot be null");
		Assert.notNull(presentation, "presentation cannot be null");
		Confirmation confirmation = Confirmation.of(jwt);
		boolean dpopScheme = presentation.scheme() == TokenPresentation.Scheme.DPOP;
		if (dpopScheme && this.dpopMode == DPoPMode.DISABLED) {
			throw new JwtVerificationException(JwtFailure.DPOP_NOT_ACCEPTED);
		}
		if (confirmation.x5tS256() != null) {
			checkCertificate(confirmation.x5tS256(), presentation.clientCertificate());
		}
		if (confirmation.jkt() == null) {
			if (dpopScheme || this.dpopMode == DPoPMode.REQUIRED) {
				throw new JwtVerificationException(JwtFailure.DPOP_BOUND_TOKEN_REQUIRED);
			}
			return null;
		}
		if (this.dpopMode == DPoPMode.DISABLED) {
			throw new JwtVerificationException(JwtFailure.DPOP_NOT_ACCEPTED);
		}
		if (!dpopScheme) {
			throw new JwtVerificationException(JwtFailure.DPOP_PROOF_REQUIRED);
		}
		return this.proofVerifier.verify(presentation.method(), presentation.uri(), presentation.dpopProof(), jwt);
	}

	private static void checkCertificate(String expected, @Nullable X509Certificate certificate) {
		if (certificate == null || !DPoPProofVerifier.equal(thumbprint(certificate), expected)) {
			throw new JwtVerificationException(JwtFailure.CERTIFICATE_MISMATCH);
		}
	}

	/**
	 * Returns the RFC 8705 thumbprint of a certificate: base64url of the SHA-256 of its
	 * DER encoding.
	 * @param certificate the certificate
	 * @return the thumbprint
	 */
	static String thumbprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (CertificateEncodingException | NoSuchAlgorithmException ex) {
			throw new JwtVerificationException(JwtFailure.CERTIFICATE_MISMATCH, ex);
		}
	}

	@Override
	public String toString() {
		return "SenderConstraints[dpop=" + this.dpopMode + ", " + this.proofVerifier + "]";
	}

}
