package io.yuqing.app.web;

import java.util.List;

/**
 * What reading a console form or an API request's parameters gave: the value, or why there is none. One reading serves
 * both, with the same messages: a Chinese {@link Messages} key each, shown in the reader's language on the console and
 * in English by the API.
 */
sealed interface FormParse<T> permits FormParse.Valid, FormParse.Invalid {
    record Valid<T>(T value) implements FormParse<T> {
    }

    /** @param message a Chinese {@link Messages} key with placeholders {0} … filled from {@code values} */
    record Invalid<T>(String message, List<String> values) implements FormParse<T> {
        public Invalid {
            values = List.copyOf(values);
        }

        String in(Messages m) {
            return m.t(message, values.toArray());
        }
    }
}
