package io.github.jwtstarter.authorization.reactive;

import java.util.function.Supplier;

import io.github.jwtstarter.authorization.JwtClaimsExpressions;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.expression.AccessException;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * Makes the {@code @jwt} SpEL bean ({@link JwtClaimsExpressions}) work under reactive
 * method security, where no thread holds the security context: every
 * {@link MethodSecurityExpressionHandler} bean is wrapped so that, in each evaluation
 * context it creates, {@code @jwt} reads the Authentication of that evaluation. Any other
 * bean reference, and a {@code jwt} bean of the application's own, resolve as before.
 */
public final class JwtClaimsExpressionsPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof MethodSecurityExpressionHandler handler && !(bean instanceof BoundHandler)) {
			return new BoundHandler(handler);
		}
		return bean;
	}

	private static final class BoundHandler implements MethodSecurityExpressionHandler {

		private final MethodSecurityExpressionHandler delegate;

		BoundHandler(MethodSecurityExpressionHandler delegate) {
			Assert.notNull(delegate, "delegate cannot be null");
			this.delegate = delegate;
		}

		@Override
		public ExpressionParser getExpressionParser() {
			return this.delegate.getExpressionParser();
		}

		@Override
		public EvaluationContext createEvaluationContext(Authentication authentication, MethodInvocation invocation) {
			return bind(this.delegate.createEvaluationContext(authentication, invocation), () -> authentication);
		}

		@Override
		public EvaluationContext createEvaluationContext(Supplier<? extends Authentication> authentication,
				MethodInvocation invocation) {
			return bind(this.delegate.createEvaluationContext(authentication, invocation), authentication);
		}

		@Override
		public Object filter(Object filterTarget, Expression filterExpression, EvaluationContext context) {
			return this.delegate.filter(filterTarget, filterExpression, context);
		}

		@Override
		public void setReturnObject(Object returnObject, EvaluationContext context) {
			this.delegate.setReturnObject(returnObject, context);
		}

		private static EvaluationContext bind(EvaluationContext context,
				Supplier<? extends @Nullable Authentication> authentication) {
			if (context instanceof StandardEvaluationContext standard && standard.getBeanResolver() != null) {
				standard.setBeanResolver(new BoundBeanResolver(standard.getBeanResolver(), authentication));
			}
			return context;
		}

		@Override
		public String toString() {
			return "JwtClaimsExpressions-bound " + this.delegate;
		}

	}

	private record BoundBeanResolver(BeanResolver delegate,
			Supplier<? extends @Nullable Authentication> authentication) implements BeanResolver {

		@Override
		public Object resolve(EvaluationContext context, String beanName) throws AccessException {
			Object bean = this.delegate.resolve(context, beanName);
			if (bean instanceof JwtClaimsExpressions) {
				return JwtClaimsExpressions.of(this.authentication.get());
			}
			return bean;
		}

	}

}
