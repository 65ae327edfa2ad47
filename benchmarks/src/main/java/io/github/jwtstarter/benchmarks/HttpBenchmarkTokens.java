package io.github.jwtstarter.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.TestKeys;

/**
 * Writes what {@code benchmarks/http.sh} needs into a directory: a fresh RSA key as
 * {@code public.pem} (stock Spring Boot) and {@code jwks.json} (the starter), one token
 * in {@code token.txt}, and distinct tokens, one a line, in {@code tokens.txt} and
 * {@code warmup-tokens.txt}. Tokens are valid for 7 days.
 * <p>
 * Usage:
 * {@code java -cp benchmarks.jar io.github.jwtstarter.benchmarks.HttpBenchmarkTokens
 * <directory> <tokens> <warm-up tokens>}
 */
public final class HttpBenchmarkTokens {

	private HttpBenchmarkTokens() {
	}

	public static void main(String[] args) {
		if (args.length != 3) {
			System.err.println("usage: HttpBenchmarkTokens <directory> <tokens> <warm-up tokens>");
			System.exit(2);
		}
		Path directory = Path.of(args[0]);
		int count = Integer.parseInt(args[1]);
		int warmUp = Integer.parseInt(args[2]);
		RSAKey key = TestKeys.rsa("bench-1");
		write(directory.resolve("public.pem"), List.of(TestKeys.toPem(key).strip()));
		write(directory.resolve("jwks.json"), List.of(TestKeys.toPublicJwkSetJson(key)));
		write(directory.resolve("token.txt"), tokens(key, "repeated", 1));
		write(directory.resolve("warmup-tokens.txt"), tokens(key, "warmup", warmUp));
		write(directory.resolve("tokens.txt"), tokens(key, "user", count));
	}

	private static List<String> tokens(RSAKey key, String subject, int count) {
		String issuer = BenchmarkTokens.issuer(0);
		return IntStream.range(0, count)
			.parallel()
			.mapToObj((i) -> BenchmarkTokens.token(issuer, subject + "-" + i, key))
			.toList();
	}

	private static void write(Path file, List<String> lines) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, lines, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
