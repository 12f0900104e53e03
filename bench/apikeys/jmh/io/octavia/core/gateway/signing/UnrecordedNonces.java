package io.octavia.core.gateway.signing;

/**
 * For the micro-benchmarks only (bench/apikeys/jmh.sh): a nonce store that records nothing,
 * so that the authenticator's own work can be timed without the Redis round trip, which
 * ApiKeyBenchmarks times on its own.
 */
public final class UnrecordedNonces extends NonceStore {

	public UnrecordedNonces() {
		super(null);
	}

	@Override
	public NonceReservation reserve(String keyId, String nonce) {
		return NonceReservation.fresh();
	}

}
