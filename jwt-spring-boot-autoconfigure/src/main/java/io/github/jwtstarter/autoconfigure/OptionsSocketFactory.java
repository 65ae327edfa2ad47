package io.github.jwtstarter.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.springframework.boot.ssl.SslOptions;

/**
 * An {@link SSLSocketFactory} that applies an SSL bundle's options (enabled protocols and
 * cipher suites) to every socket it creates, as Spring Boot's own HTTP clients do.
 */
final class OptionsSocketFactory extends SSLSocketFactory {

	private final SSLSocketFactory delegate;

	private final SslOptions options;

	OptionsSocketFactory(SSLSocketFactory delegate, SslOptions options) {
		this.delegate = delegate;
		this.options = options;
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return (this.options.getCiphers() != null) ? this.options.getCiphers() : this.delegate.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public Socket createSocket() throws IOException {
		return configure(this.delegate.createSocket());
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return configure(this.delegate.createSocket(socket, host, port, autoClose));
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return configure(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return configure(this.delegate.createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return configure(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return configure(this.delegate.createSocket(address, port, localAddress, localPort));
	}

	private Socket configure(Socket socket) {
		if (socket instanceof SSLSocket ssl) {
			if (this.options.getEnabledProtocols() != null) {
				ssl.setEnabledProtocols(this.options.getEnabledProtocols());
			}
			if (this.options.getCiphers() != null) {
				ssl.setEnabledCipherSuites(this.options.getCiphers());
			}
		}
		return socket;
	}

}
