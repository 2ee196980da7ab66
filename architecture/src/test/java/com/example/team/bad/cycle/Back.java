package com.example.team.bad.cycle;

import com.example.team.bad.ShortcutListener;

/** Deliberately broken: closes a package cycle with {@code com.example.team.bad}. */
public final class Back {

    @Override
    public String toString() {
        return ShortcutListener.class.getSimpleName();
    }
}
