// A first guess of the marks on a learner's photo ("Check my hinge"):
// MediaPipe's pose landmark model (Apache-2.0), shipped in its npm package
// (@mediapipe/pose) and copied to pose/ by scripts/web.sh. It is loaded on
// first use only, runs in this browser on the photo's canvas, and sends
// nothing anywhere. The learner or coach then corrects each mark by hand.
let posePromise = null;

function loadScript(src) {
  return new Promise((ok, fail) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = ok;
    s.onerror = () => fail(new Error(`the pose model could not be loaded (${src})`));
    document.head.appendChild(s);
  });
}

function pose() {
  if (!posePromise) {
    posePromise = (async () => {
      await loadScript("pose/pose.js");
      const p = new window.Pose({ locateFile: (f) => `pose/${f}` });
      // One still photo: no smoothing across frames, the full model.
      p.setOptions({
        modelComplexity: 1,
        staticImageMode: true,
        smoothLandmarks: false,
        enableSegmentation: false,
        minDetectionConfidence: 0.3,
      });
      await p.initialize();
      return p;
    })();
    posePromise.catch(() => (posePromise = null));
  }
  return posePromise;
}

// Calls done(json): {"landmarks": [[x, y, visibility], ...33]} in the
// canvas's pixels, or {"error": "..."}.
window.hingeGuessMarks = async function (canvas, done) {
  try {
    const p = await pose();
    const result = await new Promise((ok, fail) => {
      p.onResults(ok);
      p.send({ image: canvas }).catch(fail);
    });
    const lm = result.poseLandmarks;
    if (!lm) {
      done(JSON.stringify({ error: "the pose model found nobody in the photo" }));
      return;
    }
    done(
      JSON.stringify({
        landmarks: lm.map((l) => [l.x * canvas.width, l.y * canvas.height, l.visibility ?? 0]),
      }),
    );
  } catch (e) {
    done(JSON.stringify({ error: String((e && e.message) || e) }));
  }
};
