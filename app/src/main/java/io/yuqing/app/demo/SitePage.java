package io.yuqing.app.demo;

/** A page the demo site serves: its bytes and the Content-Type header sent with them. */
record SitePage(byte[] body, String contentType) {
}
