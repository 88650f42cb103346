//! A minimal HTTP/1.1 client with keep-alive, enough to load shetu over loopback without pulling
//! a full client library into the benchmark.

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// One kept-alive connection.
pub struct Connection {
    addr: std::net::SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Connection {
    /// A connection to `addr` (opened on first use, and again after the server closes it).
    pub fn new(addr: std::net::SocketAddr) -> Connection {
        Connection { addr, stream: None }
    }

    /// `POST path` with a JSON body; returns the status, or an error for a broken connection.
    pub async fn post_json(&mut self, path: &str, body: &str) -> std::io::Result<u16> {
        self.send("POST", path, &[], body)
            .await
            .map(|(status, _)| status)
    }

    /// A request with extra headers (`name: value` lines); returns the status and the body.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> std::io::Result<(u16, Vec<u8>)> {
        if self.stream.is_none() {
            let s = TcpStream::connect(self.addr).await?;
            s.set_nodelay(true)?;
            self.stream = Some(BufReader::new(s));
        }
        let result = self.exchange(method, path, headers, body).await;
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    async fn exchange(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> std::io::Result<(u16, Vec<u8>)> {
        let broken = || std::io::Error::new(std::io::ErrorKind::InvalidData, "bad response");
        let stream = self.stream.as_mut().ok_or_else(broken)?;
        let extra: String = headers
            .iter()
            .map(|(name, value)| format!("{name}: {value}\r\n"))
            .collect();
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
             Accept-Language: bn\r\n{extra}Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        stream.get_mut().write_all(request.as_bytes()).await?;
        let mut line = String::new();
        stream.read_line(&mut line).await?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(broken)?;
        let mut length = 0usize;
        let mut chunked = false;
        let mut close = false;
        loop {
            line.clear();
            stream.read_line(&mut line).await?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let lower = header.to_ascii_lowercase();
            if let Some(v) = lower.strip_prefix("content-length:") {
                length = v.trim().parse().map_err(|_| broken())?;
            } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
                chunked = true;
            } else if lower.starts_with("connection:") && lower.contains("close") {
                close = true;
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                stream.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16).map_err(|_| broken())?;
                let mut chunk = vec![0u8; size + 2];
                stream.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else {
            body = vec![0u8; length];
            stream.read_exact(&mut body).await?;
        }
        if close {
            self.stream = None;
        }
        Ok((status, body))
    }
}
