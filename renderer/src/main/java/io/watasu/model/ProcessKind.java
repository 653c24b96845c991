package io.watasu.model;

/** What a process exposes, decided by its name alone (the platform's naming contract). */
public enum ProcessKind {
    /** {@code web} or {@code *-web}: public HTTP through the platform's ingress controller. */
    WEB,
    /** {@code *-tcp}: private TCP service, reachable only from the same app and the apps it trusts. */
    TCP,
    /** {@code *-rtc}: public UDP through a LoadBalancer Service. */
    RTC,
    /** Anything else: background work, nothing connects to it. */
    WORKER;

    public static ProcessKind of(String processName) {
        if (processName.equals("web") || processName.endsWith("-web")) {
            return WEB;
        }
        if (processName.endsWith("-tcp")) {
            return TCP;
        }
        if (processName.endsWith("-rtc")) {
            return RTC;
        }
        return WORKER;
    }

    /** True when the process gets a Service (everything but workers). */
    public boolean exposed() {
        return this != WORKER;
    }
}
