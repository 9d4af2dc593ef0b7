package org.perdition.session;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.IoHandler;
import io.netty.channel.ServerChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.perdition.config.Settings;

/**
 * Every object a session's channel keeps alive, found by following instance fields (what a heap
 * dump's "retained" view would show), stopping at what all sessions share: event loops and their
 * I/O handlers (which know every channel), the listening channel, allocators, the daemon's
 * services and settings, threads and classes. Fields of JDK classes that the module system does
 * not open are not followed; the session's own objects, Netty's and lambdas' are.
 */
final class ReachableObjects {

    private static final int LIMIT = 200_000;
    private static final List<Class<?>> SHARED = List.of(EventExecutor.class, EventExecutorGroup.class,
            IoHandler.class, ServerChannel.class, ByteBufAllocator.class, SessionServices.class, Settings.class,
            Thread.class, ClassLoader.class, Class.class);
    private static final Map<Class<?>, List<Field>> FIELDS = new IdentityHashMap<>();

    private ReachableObjects() {
    }

    static List<Object> from(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        List<Object> found = new ArrayList<>();
        todo.add(root);
        seen.add(root);
        while (!todo.isEmpty() && found.size() < LIMIT) {
            Object o = todo.poll();
            found.add(o);
            for (Object next : references(o)) {
                if (next != null && !shared(next) && seen.add(next)) {
                    todo.add(next);
                }
            }
        }
        return found;
    }

    private static boolean shared(Object o) {
        for (Class<?> type : SHARED) {
            if (type.isInstance(o)) {
                return true;
            }
        }
        return o instanceof String || o.getClass().isEnum();
    }

    private static List<Object> references(Object o) {
        List<Object> refs = new ArrayList<>();
        Class<?> type = o.getClass();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(o); i++) {
                    refs.add(Array.get(o, i));
                }
            }
            return refs;
        }
        for (Field field : fields(type)) {
            try {
                refs.add(field.get(o));
            } catch (IllegalAccessException e) {
                // not opened to us: a JDK class's private state
            }
        }
        return refs;
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = t; c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        field.setAccessible(true);
                        fields.add(field);
                    } catch (InaccessibleObjectException | SecurityException e) {
                        // a JDK class's field: not followed
                    }
                }
            }
            return fields;
        });
    }
}
