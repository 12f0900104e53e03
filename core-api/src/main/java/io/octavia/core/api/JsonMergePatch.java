package io.octavia.core.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.octavia.core.platform.DomainProblem;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PATCH as JSON Merge Patch (RFC 7396): the request names only what changes; a member set
 * to {@code null} is removed (for optional attributes: unset), objects merge member by
 * member, anything else — arrays included — replaces the current value. Applied to the
 * resource's current representation, the result is the complete new state.
 */
@Component
public class JsonMergePatch {

	/** Media type of merge patches; plain {@code application/json} is accepted too. */
	public static final String MEDIA_TYPE = "application/merge-patch+json";

	private final JsonMapper json;

	JsonMergePatch(JsonMapper json) {
		this.json = json;
	}

	/**
	 * @throws DomainProblem {@code malformed_json} when the patch is not an object,
	 * {@code validation_failed} naming the field whose value has the wrong type
	 */
	public <T> T apply(T current, JsonNode patch, Class<T> type) {
		if (!patch.isObject()) {
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "malformed_json");
		}
		JsonNode merged = merge(json.valueToTree(current), patch);
		try {
			return json.treeToValue(merged, type);
		}
		catch (DatabindException ex) {
			String field = path(ex);
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "validation_failed", List.of(1),
					List.of(new DomainProblem.FieldProblem(field, "api.problem.invalid_value.detail", List.of(field))),
					Map.of());
		}
		catch (JacksonException ex) {
			throw new DomainProblem(DomainProblem.Kind.BAD_REQUEST, "malformed_json");
		}
	}

	private JsonNode merge(JsonNode target, JsonNode patch) {
		if (!patch.isObject()) {
			return patch;
		}
		ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : json.createObjectNode();
		for (Map.Entry<String, JsonNode> member : patch.properties()) {
			if (member.getValue().isNull()) {
				result.remove(member.getKey());
			}
			else {
				JsonNode existing = result.get(member.getKey());
				result.set(member.getKey(),
						merge((existing != null) ? existing : NullNode.getInstance(), member.getValue()));
			}
		}
		return result;
	}

	private static String path(DatabindException ex) {
		List<String> parts = new ArrayList<>();
		ex.getPath().forEach(reference -> {
			if (reference.getPropertyName() != null) {
				parts.add((parts.isEmpty() ? "" : ".") + reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				parts.add("[" + reference.getIndex() + "]");
			}
		});
		return parts.isEmpty() ? "body" : String.join("", parts);
	}

}
