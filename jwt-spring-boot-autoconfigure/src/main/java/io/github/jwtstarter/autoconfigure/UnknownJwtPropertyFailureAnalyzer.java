package io.github.jwtstarter.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains an {@link UnknownJwtPropertyException}: the property, where it was set, and
 * the closest known name.
 */
class UnknownJwtPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnknownJwtPropertyException>
		implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownJwtPropertyException cause) {
		String origin = (cause.getOrigin() != null) ? " (set in " + cause.getOrigin() + ")" : "";
		String description = "Unknown configuration property '" + cause.getName() + "'" + origin
				+ ". The starter refuses unknown keys under 'jwt.' so that a misspelled key never leaves a check off.";
		String action = "Did you mean '" + cause.getClosestKnownName() + "'? Rename '" + cause.getName()
				+ "' to the property you meant, or remove it.";
		return new FailureAnalysis(description, action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
