package io.octavia.core.api.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletResponse;

import io.octavia.core.audit.AuditRecord;
import io.octavia.core.platform.TenantId;

import org.springframework.http.HttpHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit records to the response as JSON Lines, one record per line, while they are
 * read: an export of any size needs no memory of its own. The response starts with the
 * first record, so a query refused before (a bad cursor) still gets its problem response.
 */
final class JsonLinesExport implements Consumer<AuditRecord> {

	static final String MEDIA_TYPE = "application/jsonl";

	private final HttpServletResponse response;

	private final JsonMapper json;

	private final TenantId log;

	private OutputStream out;

	JsonLinesExport(HttpServletResponse response, JsonMapper json, TenantId log) {
		this.response = response;
		this.json = json;
		this.log = log;
	}

	@Override
	public void accept(AuditRecord record) {
		try {
			OutputStream stream = start();
			stream.write(json.writeValueAsBytes(AuditRecordResponse.of(record)));
			stream.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Ends the export; an empty one is an empty body. */
	void finish() throws IOException {
		start().flush();
	}

	private OutputStream start() throws IOException {
		if (out == null) {
			response.setStatus(HttpServletResponse.SC_OK);
			response.setContentType(MEDIA_TYPE);
			response.setCharacterEncoding("UTF-8");
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"audit-" + log + "-" + LocalDate.now(ZoneOffset.UTC) + ".jsonl\"");
			out = response.getOutputStream();
		}
		return out;
	}

}
