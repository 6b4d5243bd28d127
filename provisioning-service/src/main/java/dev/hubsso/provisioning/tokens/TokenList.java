package dev.hubsso.provisioning.tokens;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An organization's active SCIM tokens, oldest first.
 *
 * @param items token metadata
 */
@Schema(name = "ScimTokenList")
public record TokenList(List<TokenView> items) {
}
