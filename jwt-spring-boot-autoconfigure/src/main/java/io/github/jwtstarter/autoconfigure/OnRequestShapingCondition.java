package io.github.jwtstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when some provider shapes requests: it has {@code claims-to-headers},
 * {@code forward-payload-header}, {@code tenant-header} or {@code keep-token: false}.
 * Without any, the JWT filter passes requests on unwrapped.
 */
class OnRequestShapingCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("JWT request shaping");
		Map<String, Shaping> providers = Binder.get(context.getEnvironment())
			.bind("jwt.providers", Bindable.mapOf(String.class, Shaping.class))
			.orElse(Map.of());
		List<String> shaping = new ArrayList<>();
		providers.forEach((id, provider) -> {
			if (!provider.getClaimsToHeaders().isEmpty() || !provider.isKeepToken()
					|| provider.getForwardPayloadHeader() != null || provider.getTenantHeader() != null) {
				shaping.add(id);
			}
		});
		if (shaping.isEmpty()) {
			return ConditionOutcome.noMatch(message.because("no provider has claims-to-headers, "
					+ "forward-payload-header, tenant-header or keep-token false"));
		}
		return ConditionOutcome.match(message.found("shaping provider", "shaping providers").items(shaping));
	}

	/**
	 * The part of a provider's properties this condition reads.
	 */
	public static class Shaping {

		private boolean keepToken = true;

		private List<Map<String, Object>> claimsToHeaders = new ArrayList<>();

		private @Nullable String forwardPayloadHeader;

		private @Nullable String tenantHeader;

		public @Nullable String getForwardPayloadHeader() {
			return this.forwardPayloadHeader;
		}

		public void setForwardPayloadHeader(@Nullable String forwardPayloadHeader) {
			this.forwardPayloadHeader = forwardPayloadHeader;
		}

		public @Nullable String getTenantHeader() {
			return this.tenantHeader;
		}

		public void setTenantHeader(@Nullable String tenantHeader) {
			this.tenantHeader = tenantHeader;
		}

		public boolean isKeepToken() {
			return this.keepToken;
		}

		public void setKeepToken(boolean keepToken) {
			this.keepToken = keepToken;
		}

		public List<Map<String, Object>> getClaimsToHeaders() {
			return this.claimsToHeaders;
		}

		public void setClaimsToHeaders(List<Map<String, Object>> claimsToHeaders) {
			this.claimsToHeaders = claimsToHeaders;
		}

	}

}
