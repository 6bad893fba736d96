package io.agentwatch.models.event;

import java.util.Locale;

/** What an agent did, as named by contract v1 (`action`). */
public enum Action {
    LOGIN("login"),
    LOGIN_FAILED("login_failed"),
    LOGOUT("logout"),
    SEARCH("search"),
    VIEW("view"),
    REVEAL("reveal"),
    EXPORT("export"),
    UPDATE("update"),
    DELETE("delete");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the wire and in outputs. */
    public String wireName() {
        return wireName;
    }

    /** The action with this wire name, or null when the name is not part of the contract. */
    public static Action fromWire(String name) {
        switch (name) {
            case "login":
                return LOGIN;
            case "login_failed":
                return LOGIN_FAILED;
            case "logout":
                return LOGOUT;
            case "search":
                return SEARCH;
            case "view":
                return VIEW;
            case "reveal":
                return REVEAL;
            case "export":
                return EXPORT;
            case "update":
                return UPDATE;
            case "delete":
                return DELETE;
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return wireName.toLowerCase(Locale.ROOT);
    }
}
