//! Server-sent events of a school's changes, against real server processes' worth on one
//! real PostgreSQL: a push made through one server reaches a desktop listening on another
//! (through LISTEN/NOTIFY), never another school's stream, and a stream without a valid
//! token is refused.

mod common;

use std::time::Duration;

use common::*;
use daftar_domain::*;
use daftar_protocol::*;
use futures_util::StreamExt;

const SECRET: &[u8] = b"events-test-secret-of-32-bytes-long!";

/// The versions a stream announces, as they come.
struct Stream {
    lines: std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<Vec<u8>>> + Send>>,
    buffer: String,
}

impl Stream {
    async fn open(url: &str, session: &Session) -> Stream {
        let response = reqwest::Client::new()
            .get(format!("{url}/v1/sync/events"))
            .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(&session.access_token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        Stream {
            lines: Box::pin(
                response
                    .bytes_stream()
                    .map(|chunk| chunk.map(|b| b.to_vec())),
            ),
            buffer: String::new(),
        }
    }

    /// The next version announced, within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<i64> {
        tokio::time::timeout(wait, async {
            loop {
                if let Some(end) = self.buffer.find("\n\n") {
                    let event: String = self.buffer.drain(..end + 2).collect();
                    if event.contains("event: changed") {
                        let data = event.lines().find_map(|l| l.strip_prefix("data: "))?;
                        return data.trim().parse().ok();
                    }
                    continue;
                }
                let chunk = self.lines.next().await?.ok()?;
                self.buffer.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await
        .ok()
        .flatten()
    }
}

#[tokio::test]
async fn a_push_on_one_server_reaches_a_desktop_listening_on_another_and_no_other_school() {
    let server = TestServer::start_with("events", |c| c.token_secret = SECRET.to_vec()).await;
    let other = server.beside(SECRET).await;
    for school in ["alnoor", "alamal"] {
        server.tenant(school).await;
        server.user(school, "admin", Role::Admin, None).await;
    }
    let mut office = Device::new();
    let office_session = server.login("alnoor", "admin", office.id).await;
    let teacher = Device::new();
    let listener_session = server.login("alnoor", "admin", teacher.id).await;
    let elsewhere_session = server.login("alamal", "admin", Device::new().id).await;

    // Listening on the second server: first the school's head.
    let mut stream = Stream::open(&other.url, &listener_session).await;
    let head = stream.next(Duration::from_secs(5)).await.expect("the head");
    assert_eq!(head, 0);
    let mut elsewhere = Stream::open(&other.url, &elsewhere_session).await;
    assert_eq!(elsewhere.next(Duration::from_secs(5)).await, Some(0));

    // A push through the first server: the second's stream hears its version at once.
    let seed = Seed::new();
    let response = server
        .push(&office_session, &seed.mutations(&mut office))
        .await;
    let heard = stream
        .next(Duration::from_secs(5))
        .await
        .expect("the push heard");
    assert_eq!(heard, response.head);
    // Pulling from the cursor it had brings the rows.
    let page = server.pull(&listener_session, head, 10).await;
    assert!(!page.rows.is_empty());

    // Another push, heard again; the other school's stream heard nothing of either.
    let guardian = Guardian {
        id: new_id(),
        name_ar: "خالد".into(),
        name_en: "Khalid".into(),
        phone: "0501234567".into(),
        email: None,
        address: None,
        national_id: None,
        preferred_language: None,
    };
    let second = server
        .push(&office_session, &[office.insert(&guardian)])
        .await;
    assert_eq!(stream.next(Duration::from_secs(5)).await, Some(second.head));
    assert_eq!(elsewhere.next(Duration::from_millis(700)).await, None);

    // No token, no stream.
    let refused = reqwest::Client::new()
        .get(format!("{}/v1/sync/events", other.url))
        .header(PROTOCOL_HEADER, PROTOCOL_VERSION.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 401);
}
