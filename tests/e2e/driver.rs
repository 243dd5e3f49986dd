//! Starting the app under tauri-driver and talking to it over WebDriver.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

const PATIENCE: Duration = Duration::from_secs(30);

/// Why a screenshot was not saved.
#[derive(Debug)]
enum Shot {
    /// It did not come, or could not be written: the test fails.
    Failed(String),
    /// The driver refused it: reported, the test goes on.
    Refused(String),
}

impl std::fmt::Display for Shot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Shot::Failed(e) | Shot::Refused(e) => f.write_str(e),
        }
    }
}

/// The language the operating system pretends to speak.
#[derive(Clone, Copy)]
pub enum Lang {
    Fr,
}

/// A running app with its WebDriver session.
pub struct App {
    client: Client,
    driver: Child,
    name: String,
    _data: tempfile::TempDir,
}

fn require_display() -> bool {
    if std::env::var_os("DISPLAY").is_some() {
        return true;
    }
    let required = std::env::var("PASSERELLE_REQUIRE_SERVICES").as_deref() == Ok("1");
    assert!(
        !required,
        "no DISPLAY: run the end-to-end tests under xvfb-run (scripts/test.sh)"
    );
    eprintln!("skipped: no DISPLAY; scripts/test.sh runs these tests under Xvfb");
    false
}

fn app_binary() -> PathBuf {
    // `PASSERELLE_APP_BINARY` names the app when the build keeps its intermediate files apart
    // (`CARGO_BUILD_BUILD_DIR`); otherwise this test runs from target/<profile>/deps/ and the
    // app is built next to it.
    if let Some(app) = std::env::var_os("PASSERELLE_APP_BINARY") {
        return PathBuf::from(app);
    }
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>");
    let app = profile_dir.join("passerelle-app");
    assert!(
        app.exists(),
        "{} is missing: build it with `cargo build --workspace --all-targets --features \
         passerelle-app/custom-protocol` (scripts/test.sh does)",
        app.display()
    );
    app
}

fn tauri_driver() -> PathBuf {
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin").join("tauri-driver"));
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("tauri-driver"))
            .find(|p| p.exists())
    });
    on_path
        .or(in_cargo_home.filter(|p| p.exists()))
        .unwrap_or_else(|| {
            panic!(
                "tauri-driver is missing: `cargo install tauri-driver --locked` (scripts/test.sh \
             does)"
            )
        })
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("PASSERELLE_E2E_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("artifacts"));
    std::fs::create_dir_all(&dir).expect("create the artifacts folder");
    dir
}

impl App {
    /// Start the app on a fresh sandbox; `None` when there is no display and none is required.
    pub async fn launch(name: &str, lang: Lang) -> Option<App> {
        if !require_display() {
            return None;
        }
        let data = tempfile::tempdir().expect("a temp data folder");
        Some(App::launch_in(name, lang, data, None).await)
    }

    /// Start the app on a fresh sandbox in the X display `display` (`:7`) rather than the
    /// tests' shared one: for a test that types into the desktop's own windows, which must not
    /// receive another test's keys or lose the focus to another test's window.
    pub async fn launch_on_display(name: &str, lang: Lang, display: &str) -> Option<App> {
        if !require_display() {
            return None;
        }
        let data = tempfile::tempdir().expect("a temp data folder");
        Some(App::launch_in(name, lang, data, Some(display)).await)
    }

    /// Start the app again on the data, config and cache folders of an earlier launch (as
    /// [`App::kill_keeping_home`] or [`App::finish_keeping_home`] left them): the same
    /// sandbox, connections, settings and app database.
    pub async fn relaunch(name: &str, lang: Lang, home: tempfile::TempDir) -> App {
        App::launch_in(name, lang, home, None).await
    }

    async fn launch_in(
        name: &str,
        lang: Lang,
        data: tempfile::TempDir,
        display: Option<&str>,
    ) -> App {
        let (port, native_port) = (free_port(), free_port());
        let locale = match lang {
            Lang::Fr => "fr_FR.UTF-8",
        };
        // Exports go to the Downloads folder the desktop names (here, inside the data folder).
        let config = data.path().join("config");
        std::fs::create_dir_all(&config).expect("the config folder");
        let downloads = data.path().join("Téléchargements");
        std::fs::write(
            config.join("user-dirs.dirs"),
            format!("XDG_DOWNLOAD_DIR=\"{}\"\n", downloads.display()),
        )
        .expect("user-dirs.dirs written");
        let log = std::fs::File::create(artifacts_dir().join(format!("{name}-driver.log")))
            .expect("driver log file");
        let mut driver = Command::new(tauri_driver());
        if let Some(display) = display {
            driver.env("DISPLAY", display);
        }
        let driver = driver
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("XDG_DATA_HOME", data.path().join("data"))
            .env("XDG_CONFIG_HOME", data.path().join("config"))
            .env("XDG_CACHE_HOME", data.path().join("cache"))
            .env("LANG", locale)
            .env("LANGUAGE", locale)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .stdout(Stdio::from(log.try_clone().expect("log handle")))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("tauri-driver starts");

        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": app_binary() }
        });
        let caps = caps.as_object().expect("an object").clone();
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if started.elapsed() < PATIENCE => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("no WebDriver session with the app after {PATIENCE:?}: {e}"),
            }
        };
        App {
            client,
            driver,
            name: name.to_string(),
            _data: data,
        }
    }

    /// The Downloads folder the app was given.
    pub fn downloads(&self) -> PathBuf {
        self._data.path().join("Téléchargements")
    }

    /// Wait for `css`, longer than usual (a long job).
    pub async fn wait_long_for(&self, css: &str, patience: Duration) {
        self.poll_for(&format!("an element {css}"), patience, async || {
            self.client.find(Locator::Css(css)).await.ok()
        })
        .await;
    }

    async fn poll<T>(&self, what: &str, check: impl AsyncFnMut() -> Option<T>) -> T {
        self.poll_for(what, PATIENCE, check).await
    }

    async fn poll_for<T>(
        &self,
        what: &str,
        patience: Duration,
        mut check: impl AsyncFnMut() -> Option<T>,
    ) -> T {
        let started = Instant::now();
        loop {
            if let Some(v) = check().await {
                return v;
            }
            if started.elapsed() > patience {
                if let Err(e) = self.save_screenshot(&format!("FAILED-{}", self.name)).await {
                    eprintln!("{e}");
                }
                panic!(
                    "{}: gave up waiting for {what} after {patience:?}",
                    self.name
                );
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    async fn find(&self, css: &str) -> Element {
        self.poll(&format!("an element {css}"), async || {
            self.client.find(Locator::Css(css)).await.ok()
        })
        .await
    }

    pub async fn wait_for(&self, css: &str) {
        self.find(css).await;
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    pub async fn wait_for_count(&self, css: &str, at_least: usize) -> usize {
        self.poll(&format!("{at_least} elements {css}"), async || {
            let n = self.count(css).await;
            (n >= at_least).then_some(n)
        })
        .await
    }

    /// The element's text as a person sees it (`innerText`), retried while the UI re-renders
    /// it. WebKitWebDriver's own element text is not used: its visibility check reports some
    /// painted elements (table cells, an ellipsized header label) as empty.
    pub async fn text(&self, css: &str) -> String {
        self.poll(&format!("the text of {css}"), async || {
            self.text_now(css).await
        })
        .await
    }

    /// The element's `innerText` now, if the element is there.
    async fn text_now(&self, css: &str) -> Option<String> {
        let script =
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : null";
        let value = self.client.execute(script, vec![json!(css)]).await.ok()?;
        value.as_str().map(str::to_string)
    }

    pub async fn number_in(&self, css: &str) -> u64 {
        let text = self.text(css).await;
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("no number in {css}: {text:?}"))
    }

    /// The number written in `css` now, if any (`"34 demandes"` → 34).
    async fn number_now(&self, css: &str) -> Option<u64> {
        let text = self.text_now(css).await?;
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        digits.parse().ok()
    }

    pub async fn wait_for_number(&self, css: &str, expected: u64) {
        self.poll(&format!("{css} to read {expected}"), async || {
            (self.number_now(css).await? == expected).then_some(())
        })
        .await
    }

    pub async fn wait_for_number_below(&self, css: &str, bound: u64) -> u64 {
        self.poll(&format!("{css} to drop below {bound}"), async || {
            self.number_now(css).await.filter(|n| *n < bound)
        })
        .await
    }

    /// Wait until the element's text is `expected`, for at most `patience` (runs that write
    /// hundreds of records wait on Dastra's rate budget).
    pub async fn poll_text(&self, css: &str, expected: &str, patience: Duration) {
        let started = Instant::now();
        while started.elapsed() < patience {
            if self.text_now(css).await.as_deref().map(str::trim) == Some(expected) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        if let Err(e) = self.save_screenshot(&format!("FAILED-{}", self.name)).await {
            eprintln!("{e}");
        }
        let now = self.text_now(css).await;
        panic!(
            "{}: {css} still reads {now:?}, not {expected:?}, after {patience:?}",
            self.name
        );
    }

    pub async fn wait_for_text_change(&self, css: &str, before: &str) -> String {
        self.poll(&format!("{css} to change from {before:?}"), async || {
            self.text_now(css).await.filter(|text| text != before)
        })
        .await
    }

    pub async fn click(&self, css: &str) {
        self.poll(&format!("a click on {css}"), async || {
            self.client
                .find(Locator::Css(css))
                .await
                .ok()?
                .click()
                .await
                .ok()
        })
        .await
    }

    /// Drag `from` onto `to` with the mouse, as a person does: press on `from`, move away in
    /// a few steps and release over `to` (WebKit turns the moves into pointer events). `from`
    /// is scrolled into view, and `to` must then be in view too; the pointer goes to their
    /// centres. (WebKitWebDriver refuses moves relative to an element.)
    pub async fn drag(&self, from: &str, to: &str) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
        self.find(from).await;
        self.find(to).await;
        let centre = async |css: &str, scroll: bool| {
            let script = format!(
                "const e = document.querySelector({css:?}); \
                 if ({scroll}) e.scrollIntoView({{block: 'center'}}); \
                 const r = e.getBoundingClientRect(); \
                 const x = r.left + r.width / 2, y = r.top + r.height / 2; \
                 return x >= 0 && y >= 0 && x < innerWidth && y < innerHeight \
                   ? [Math.round(x), Math.round(y)] : null"
            );
            let at = self.js(&script).await;
            let n = |i: usize| at[i].as_f64();
            n(0).zip(n(1))
                .unwrap_or_else(|| panic!("{css} is not in view to drag from or onto"))
        };
        let (x0, y0) = centre(from, true).await;
        let (x1, y1) = centre(to, false).await;
        let step = Some(Duration::from_millis(120));
        let mouse = MouseActions::new("mouse".to_owned())
            .then(PointerAction::MoveTo {
                duration: None,
                x: x0,
                y: y0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::MoveTo {
                duration: step,
                x: x0 + 24.0,
                y: y0,
            })
            .then(PointerAction::MoveTo {
                duration: step,
                x: x1,
                y: y1,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        if let Err(e) = self.client.perform_actions(mouse).await {
            panic!("drag {from} ({x0}, {y0}) onto {to} ({x1}, {y1}): {e:?}");
        }
        let _ = self.client.release_actions().await;
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into {css}: {e}"));
    }

    /// Empty a text field by typing backspaces, as a person would (WebDriver's own clear does
    /// not fire the input events React listens to).
    pub async fn clear(&self, css: &str) {
        let field = self.find(css).await;
        let value = field.prop("value").await.ok().flatten().unwrap_or_default();
        if value.is_empty() {
            return;
        }
        let backspaces = "\u{E003}".repeat(value.chars().count());
        field
            .send_keys(&backspaces)
            .await
            .unwrap_or_else(|e| panic!("clear {css}: {e}"));
    }

    pub async fn select_option(&self, select_css: &str, value: &str) {
        self.click(&format!("{select_css} option[value=\"{value}\"]"))
            .await;
    }

    /// The element's `innerText`, read by script. NOTE: WebKitWebDriver's own element text
    /// reports some table cells as empty (its visibility check misjudges them), although they
    /// are painted, as the screenshots show.
    pub async fn inner_text(&self, css: &str) -> String {
        self.find(css).await;
        let script = "return document.querySelector(arguments[0])?.innerText ?? ''";
        let value = self.client.execute(script, vec![json!(css)]).await;
        value
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script: {e}"))
    }

    /// Run `script` until it returns something other than `null` or `false`, and return that.
    pub async fn poll_js(&self, what: &str, script: &str) -> serde_json::Value {
        self.poll(what, async || {
            let value = self.client.execute(script, vec![]).await.ok()?;
            (!value.is_null() && value != json!(false)).then_some(value)
        })
        .await
    }

    /// Run `script` asynchronously with `args`: it gets a callback as its last argument and
    /// calls it with its result (measurements made over several animation frames).
    /// It may run for two minutes.
    pub async fn js_async(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        let patience =
            fantoccini::wd::TimeoutConfiguration::new(Some(Duration::from_secs(120)), None, None);
        self.client
            .update_timeouts(patience)
            .await
            .unwrap_or_else(|e| panic!("script timeout: {e}"));
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("asynchronous script: {e}"))
    }

    /// Save a screenshot once the window has had time to paint what the DOM already holds (a
    /// virtualized table is in the DOM a frame or two before it is painted).
    ///
    /// WebKitWebDriver takes the picture after the page's next paint. The app paints without
    /// WebKit's compositor, and a page that does not change then never paints again: a pixel
    /// in the corner is changed, too faintly to see, every 30 ms for two seconds, so that the
    /// next paint comes.
    ///
    /// A screenshot that does not come at all fails the test; one the driver refuses (a
    /// native dialog in front, say) is reported and the test goes on, as it always did.
    pub async fn screenshot(&self, name: &str) {
        match self.save_screenshot(name).await {
            Err(Shot::Failed(e)) => panic!("{}: {e}", self.name),
            Err(Shot::Refused(e)) => eprintln!("{}: {e}", self.name),
            Ok(()) => {}
        }
    }

    async fn save_screenshot(&self, name: &str) -> Result<(), Shot> {
        tokio::time::sleep(Duration::from_millis(500)).await;
        const REPAINT: &str = "
            const dot = document.createElement('div');
            dot.style.cssText =
              'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:-1';
            document.body.appendChild(dot);
            let ticks = 0;
            const timer = setInterval(() => {
              dot.style.background = ticks++ % 2 ? 'transparent' : 'rgba(0, 0, 0, 0.01)';
              if (ticks > 66) { clearInterval(timer); dot.remove(); }
            }, 30);
            return null;";
        if let Err(e) = self.client.execute(REPAINT, vec![]).await {
            eprintln!("screenshot {name}: could not ask for a paint: {e}");
        }
        let png = tokio::time::timeout(PATIENCE, self.client.screenshot())
            .await
            .map_err(|_| {
                Shot::Failed(format!(
                    "the screenshot {name} did not come within {PATIENCE:?}"
                ))
            })?
            .map_err(|e| Shot::Refused(format!("the screenshot {name} failed: {e}")))?;
        let path = artifacts_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| Shot::Failed(format!("{}: {e}", path.display())))
    }

    /// Close the app and keep its data, config and cache folders (its `XDG_*_HOME`s) for
    /// looking at what it wrote.
    pub async fn finish_keeping_home(mut self) -> tempfile::TempDir {
        let _ = self.client.clone().close().await;
        self.stop_driver();
        // Give the app a moment to flush its log on the way out.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let spare = tempfile::tempdir().expect("a temp folder");
        std::mem::replace(&mut self._data, spare)
    }

    /// Kill the app as a crash or a forced quit would (SIGKILL: no chance to save anything),
    /// then stop the driver; its data, config and cache folders are kept for a relaunch.
    pub async fn kill_keeping_home(mut self) -> tempfile::TempDir {
        let binary = app_binary().canonicalize().expect("the app binary's path");
        // The app is a child of WebKitWebDriver, itself the driver's child: the app is found
        // by its binary among this driver's descendants only, and killed by its id.
        let apps: Vec<u32> = descendants(self.driver.id())
            .into_iter()
            .filter(|pid| {
                let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
                exe.as_deref() == Some(binary.as_path())
            })
            .collect();
        assert!(
            !apps.is_empty(),
            "{}: the app's process was not found",
            self.name
        );
        for pid in apps {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let _ = self.client.clone().close().await;
        self.stop_driver();
        let spare = tempfile::tempdir().expect("a temp folder");
        std::mem::replace(&mut self._data, spare)
    }

    /// Close the window and stop the driver.
    pub async fn finish(mut self) {
        let _ = self.client.clone().close().await;
        self.stop_driver();
    }

    fn stop_driver(&mut self) {
        // tauri-driver stops WebKitWebDriver and the app on SIGTERM, not on SIGKILL.
        let _ = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Make sure the findings store's key is in the OS keyring before an app starts, and give any
/// app that started at the same moment (the other tests run in parallel, on the same keyring)
/// time to settle on it. Every app's first start creates the key when none is stored; two
/// first starts at once would each write their own, and a relaunch could then read the other
/// one's key.
pub async fn settle_seal_key() {
    if std::env::var_os("DISPLAY").is_none() {
        return; // `App::launch` skips or fails the test, and says why.
    }
    tokio::task::spawn_blocking(|| {
        passerelle_discovery::SealKey::load_or_create(&passerelle_vault::KeyringStore::new())
            .expect("the seal key in the keyring")
    })
    .await
    .expect("the keyring call");
    tokio::time::sleep(Duration::from_secs(3)).await;
}

/// The processes below `pid`, children first.
fn descendants(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut queue = vec![pid];
    while let Some(parent) = queue.pop() {
        let children = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
            .unwrap_or_default();
        for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
            out.push(child);
            queue.push(child);
        }
    }
    out
}

impl Drop for App {
    fn drop(&mut self) {
        if let Ok(None) = self.driver.try_wait() {
            self.stop_driver();
        }
    }
}
