package dev.hubsso.gateway.session;

import java.util.List;

/**
 * One page of sessions, newest first.
 *
 * @param sessions the page
 * @param page page number, from 0
 * @param size page size asked
 * @param total number of sessions matching, over all pages
 */
public record SessionPage(List<SessionView> sessions, int page, int size, long total) {
}
