package io.github.jwtstarter.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The RS256 signature check alone, as the JCA does it (a new {@link Signature} per token,
 * as Nimbus' verifier does), on the JDK's provider and on Amazon Corretto Crypto Provider
 * with the key translated to its type as the starter does. Against
 * {@code VerificationBenchmarks.nimbusRs256} these give the ceiling of what any verifier
 * can gain from ACCP on this machine: a verify with no work but the signature check.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SignatureBenchmarks {

	@Benchmark
	public boolean signatureRs256Jdk(Rs256 state) throws GeneralSecurityException {
		return state.verify(Signature.getInstance("SHA256withRSA"), state.jdkKey);
	}

	@Benchmark
	public boolean signatureRs256Accp(Rs256 state) throws GeneralSecurityException {
		return state.verify(Signature.getInstance("SHA256withRSA", state.accp), state.accpKey);
	}

	/**
	 * The benchmarks' RS256 token, its signing input and signature, and the public key as
	 * the JDK's and as ACCP's key type.
	 */
	@State(Scope.Benchmark)
	public static class Rs256 {

		Provider accp;

		PublicKey jdkKey;

		PublicKey accpKey;

		byte[] signingInput;

		byte[] signature;

		@Setup(Level.Trial)
		public void setUp()
				throws ReflectiveOperationException, GeneralSecurityException, JOSEException, ParseException {
			this.accp = (Provider) Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider")
				.getField("INSTANCE")
				.get(null);
			this.jdkKey = VerificationBenchmarks.RSA_KEY.toRSAPublicKey();
			this.accpKey = (PublicKey) KeyFactory.getInstance("RSA", this.accp).translateKey(this.jdkKey);
			SignedJWT token = SignedJWT
				.parse(BenchmarkTokens.token(BenchmarkTokens.issuer(0), "alice", VerificationBenchmarks.RSA_KEY));
			this.signingInput = token.getSigningInput();
			this.signature = token.getSignature().decode();
			if (!verify(Signature.getInstance("SHA256withRSA"), this.jdkKey)
					|| !verify(Signature.getInstance("SHA256withRSA", this.accp), this.accpKey)) {
				throw new IllegalStateException("the benchmark token does not verify");
			}
		}

		boolean verify(Signature verifier, PublicKey key) throws GeneralSecurityException {
			verifier.initVerify(key);
			verifier.update(this.signingInput);
			return verifier.verify(this.signature);
		}

	}

}
