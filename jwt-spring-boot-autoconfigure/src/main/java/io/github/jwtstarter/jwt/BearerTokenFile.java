package io.github.jwtstarter.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.Resource;
import org.springframework.util.Assert;
import org.springframework.util.StreamUtils;

/**
 * A file holding the bearer token sent on a provider's discovery and JWKS requests, such
 * as a Kubernetes pod's projected service-account token. Read anew on every fetch, so a
 * token the kubelet rotated is used from the next fetch on; fetches are rare (one per
 * {@code cache-duration}, at most one per {@code min-refresh-interval} otherwise), so the
 * read costs nothing that matters. The token never appears in a message or a log.
 */
final class BearerTokenFile {

	/** Largest accepted token file; a service-account token is about 1 KB. */
	private static final int MAX_LENGTH = 16 * 1024;

	private final Resource resource;

	BearerTokenFile(Resource resource) {
		Assert.notNull(resource, "resource cannot be null");
		this.resource = resource;
	}

	/**
	 * Reads the token.
	 * @return the token, surrounding whitespace removed
	 * @throws IOException if the file cannot be read, is empty, too large or holds a
	 * character that cannot go into a header
	 */
	String read() throws IOException {
		byte[] content;
		try (InputStream in = this.resource.getInputStream()) {
			content = StreamUtils.copyToByteArray(in);
		}
		if (content.length > MAX_LENGTH) {
			throw new IOException("bearer token file is larger than " + MAX_LENGTH + " bytes");
		}
		String token = new String(content, StandardCharsets.US_ASCII).strip();
		if (token.isEmpty()) {
			throw new IOException("bearer token file is empty");
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				throw new IOException("bearer token file holds a character that is not allowed in a token");
			}
		}
		return token;
	}

	@Override
	public String toString() {
		return "bearer token file " + this.resource.getDescription();
	}

}
