package io.octavia.client;

/**
 * What signing adds to a request: the {@code Content-Digest}, {@code Signature-Input} and
 * {@code Signature} header values, and the signature base they were computed from (for
 * debugging a refused signature; it holds no secret).
 */
public record SignedHeaders(String contentDigest, String signatureInput, String signature, String signatureBase) {

	public static final String CONTENT_DIGEST = "Content-Digest";

	public static final String SIGNATURE_INPUT = "Signature-Input";

	public static final String SIGNATURE = "Signature";

}
