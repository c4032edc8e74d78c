package org.mammoembed.examples.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/** A condition on the types a public class shows to its users: supertypes, public/protected members. */
final class PublicSignatures {
    private PublicSignatures() {
    }

    static ArchCondition<JavaClass> mentionNone(DescribedPredicate<JavaClass> forbidden) {
        return new ArchCondition<>("mention no type that " + forbidden.getDescription() + " in a public signature") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                List<String> where = new ArrayList<>();
                List<JavaType> supers = new ArrayList<>();
                c.getSuperclass().ifPresent(supers::add);
                supers.addAll(c.getInterfaces());
                for (JavaType t : supers) {
                    collect(t, forbidden, c.getName() + " extends/implements", where);
                }
                for (JavaCodeUnit u : c.getCodeUnits()) {
                    if (!visible(u.getModifiers())) {
                        continue;
                    }
                    collect(u.getReturnType(), forbidden, u.getFullName() + " returns", where);
                    for (JavaType p : u.getParameterTypes()) {
                        collect(p, forbidden, u.getFullName() + " takes", where);
                    }
                    for (JavaClass t : u.getThrowsClause().getTypes()) {
                        collect(t, forbidden, u.getFullName() + " throws", where);
                    }
                }
                for (JavaField f : c.getFields()) {
                    if (visible(f.getModifiers())) {
                        collect(f.getType(), forbidden, f.getFullName() + " is", where);
                    }
                }
                for (String w : where) {
                    events.add(SimpleConditionEvent.violated(c, w));
                }
            }
        };
    }

    private static boolean visible(java.util.Set<JavaModifier> m) {
        return m.contains(JavaModifier.PUBLIC) || m.contains(JavaModifier.PROTECTED);
    }

    private static void collect(JavaType type, DescribedPredicate<JavaClass> forbidden, String what,
                                List<String> out) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
            if (forbidden.test(raw)) {
                out.add(what + " " + raw.getName());
            }
        }
    }
}
