package io.livecount.broker;

import java.util.List;

/** What a {@link ClickConsumer} tells about its progress (a consumer JVM prints it for the test that kills it). */
interface ConsumerEvents {

    void adding(List<String> ids);

    void acknowledged(int messages);

    ConsumerEvents NONE = new ConsumerEvents() {
        @Override
        public void adding(List<String> ids) {}

        @Override
        public void acknowledged(int messages) {}
    };
}
