package io.github.jwtstarter.sample.gateway.demo;

import java.io.PrintStream;
import java.util.List;

import io.github.jwtstarter.sample.gateway.upstream.EchoUpstream;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Prints the demo banner with {@code curl} commands when the gateway's web server is up,
 * and stops the demo identity provider and upstreams when the application context closes.
 */
final class DemoModeListener implements SmartApplicationListener {

	private final ApplicationContext context;

	private final @Nullable DemoIdentityProvider identityProvider;

	private final List<EchoUpstream> upstreams;

	private final PrintStream out;

	DemoModeListener(ApplicationContext context, @Nullable DemoIdentityProvider identityProvider,
			List<EchoUpstream> upstreams) {
		this.context = context;
		this.identityProvider = identityProvider;
		this.upstreams = List.copyOf(upstreams);
		this.out = System.out;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return WebServerInitializedEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof WebServerInitializedEvent initialized
				&& initialized.getApplicationContext().getServerNamespace() == null) {
			this.out.println(banner(initialized.getWebServer().getPort()));
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			if (this.identityProvider != null) {
				this.identityProvider.close();
			}
			this.upstreams.forEach(EchoUpstream::close);
		}
	}

	String banner(int port) {
		String rule = "=".repeat(78);
		String upstreams = DemoModeInitializer.describe(this.upstreams);
		StringBuilder banner = new StringBuilder(
				String.join("\n", "", rule, "  GATEWAY DEMO MODE — keys generated at startup, not for production",
						"  Upstreams (no security of their own; they echo what they receive):",
						"    " + ((upstreams != null) ? upstreams : "configured by upstream.*"),
						"  Turn off with --demo.enabled=false.", rule, ""));
		DemoIdentityProvider idp = this.identityProvider;
		if (idp == null) {
			return banner.append("  jwt.providers configured: mint your own tokens.\n").toString();
		}
		String base = "http://localhost:" + port;
		banner.append(String.join("\n", "  Providers: corp -> " + idp.corpIssuer(),
				"             kube -> " + DemoIdentityProvider.KUBE_ISSUER + " (service accounts)",
				"  Tokens below are valid for " + DemoIdentityProvider.TOKEN_LIFETIME.toHours() + " hour.", rule, "",
				"export SOLO_TOKEN='" + idp.corpToken("dave", "solo.io") + "'",
				"export CORP_TOKEN='" + idp.corpToken("alice", "corp.example") + "'",
				"export SVC_A_TOKEN='" + idp.serviceAccountToken("svc-a") + "'",
				"export SVC_B_TOKEN='" + idp.serviceAccountToken("svc-b") + "'", "",
				"# 200 from the canary: org solo.io; the upstream sees x-company and x-user, no token",
				"curl -si " + base + "/greeting -H \"Authorization: Bearer $SOLO_TOKEN\"", "",
				"# 200 from the primary: any other org",
				"curl -si " + base + "/greeting -H \"Authorization: Bearer $CORP_TOKEN\"", "",
				"# 200 from the primary: a client-sent x-company is replaced by the verified claim",
				"curl -si " + base + "/greeting -H \"Authorization: Bearer $CORP_TOKEN\" -H 'x-company: solo.io'", "",
				"# 200 from the canary: token in a query parameter, hidden from the upstream",
				"curl -si \"" + base + "/greeting?access_token=$SOLO_TOKEN\"", "",
				"# 401: no token, the upstreams are never called", "curl -si " + base + "/greeting", "",
				"# 200: svc-a may GET /api/pets (its token is kept: keep-token is true for kube)",
				"curl -si " + base + "/api/pets -H \"Authorization: Bearer $SVC_A_TOKEN\"", "", "# 403: svc-b may not",
				"curl -si " + base + "/api/pets -H \"Authorization: Bearer $SVC_B_TOKEN\"", "",
				"# 403: svc-a may only GET",
				"curl -si -X DELETE " + base + "/api/pets/1 -H \"Authorization: Bearer $SVC_A_TOKEN\"", "", rule, ""));
		return banner.toString();
	}

}
