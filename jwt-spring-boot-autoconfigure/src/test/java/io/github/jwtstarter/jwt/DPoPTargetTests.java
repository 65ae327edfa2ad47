package io.github.jwtstarter.jwt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DPoPTargetTests {

	@Test
	void normalizeOriginWhenNotAnOriginThenNull() {
		assertThat(DPoPTarget.normalizeOrigin("HTTPS://Api.Example:443/")).isEqualTo("https://api.example");
		assertThat(DPoPTarget.normalizeOrigin("http://api.example:8080")).isEqualTo("http://api.example:8080");
		assertThat(DPoPTarget.normalizeOrigin("https://api.example/base")).isNull();
		assertThat(DPoPTarget.normalizeOrigin("https://user@api.example")).isNull();
		assertThat(DPoPTarget.normalizeOrigin("https://api.example?x=1")).isNull();
		assertThat(DPoPTarget.normalizeOrigin("api.example")).isNull();
	}

	@Test
	void normalizeWhenUrisDifferOnlyInCaseDefaultPortOrEmptyPathThenEqual() {
		assertThat(DPoPTarget.normalize("HTTPS://API.Example:443")).isEqualTo("https://api.example/");
		assertThat(DPoPTarget.normalize("http://api.example:80/a?q=1#f")).isEqualTo("http://api.example/a");
		assertThat(DPoPTarget.normalize("http://api.example:8080/A")).isEqualTo("http://api.example:8080/A");
		assertThat(DPoPTarget.normalize("ftp://api.example/a")).isNull();
		assertThat(DPoPTarget.normalize("/orders")).isNull();
		assertThat(DPoPTarget.normalize("http://[bad")).isNull();
	}

}
