package dev.hubsso.policy.decisions;

import dev.hubsso.policy.rules.Action;
import dev.hubsso.policy.rules.Resource;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * A validated request.
 *
 * @param userId the subject's account id, or null when given by username
 * @param username the subject's username, or null when given by id
 * @param action the action
 * @param resource the resource, null for actions without one
 * @param minPosition the position to wait for, or null
 */
record Question(String userId, String username, Action action, Resource resource, Map<TopicPartition, Long> minPosition) {
}
