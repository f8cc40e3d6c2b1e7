"""Make rigid 3-D face replica videos: a 3-D printed head or a rigid mask, turned in front of a fixed camera.

The face in a photo becomes a textured 3-D mesh: MediaPipe's 478 landmarks (x, y and their relative depth
z) triangulated, each triangle carrying its patch of the photo. The mesh is rotated about the head's centre,
seen by the same pinhole camera as tools/make_photo_attack_video.py, drawn back to front (triangles that
turn away are culled) over the same static background, with fresh sensor noise on every frame.

Unlike a photo, such a replica IS three-dimensional, so the 3-D (planarity) check alone cannot reject it;
unlike a live face, it never blinks and its shape never changes. It stands for the mask and printed-head
attacks in ../shared/data/spoof/miniailive (f_fake_andr_outline3d.jpg, f_fake_andr_mask3d.jpg), which the
passive MiniFASNet models score as real.

    python tools/make_head_replica_video.py PHOTO OUT_DIR [--motions turn,nod,still] [--fps 15]

Library use (tests): `HeadReplica(photo_rgb, landmarks).render(yaw, pitch, rng)` draws one frame for a
pose, so a test can turn the replica the way a challenge prompt asks.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_photo_attack_video as photo_attack  # a sibling script, not a package

WIDTH, HEIGHT, FOCAL = photo_attack.WIDTH, photo_attack.HEIGHT, photo_attack.FOCAL
MOTIONS = ("turn", "nod", "still")
FACE_WIDTH_PX = 200.0  # the replica's face width in the frame when it looks straight at the camera


def _triangles(points_2d: np.ndarray) -> np.ndarray:
    """(T, 3) vertex indices of a Delaunay triangulation of the landmarks."""
    x0, y0 = points_2d.min(axis=0) - 2
    x1, y1 = points_2d.max(axis=0) + 2
    subdiv = cv2.Subdiv2D((int(x0), int(y0), int(x1 - x0) + 1, int(y1 - y0) + 1))
    for x, y in points_2d:
        subdiv.insert((float(x), float(y)))
    index = {(round(float(x), 3), round(float(y), 3)): i for i, (x, y) in enumerate(points_2d)}
    triangles = []
    for tri in subdiv.getTriangleList().reshape(-1, 3, 2):
        ids = [index.get((round(float(x), 3), round(float(y), 3))) for x, y in tri]
        if None not in ids:
            triangles.append(ids)
    return np.asarray(triangles, dtype=np.int32)


class HeadReplica:
    """A rigid textured face mesh built from one photo and its landmarks (478 x 3, pixels)."""

    def __init__(self, photo_rgb: np.ndarray, landmarks: np.ndarray, seed: int = 0) -> None:
        self.photo = photo_rgb
        pts = np.asarray(landmarks, dtype=np.float64)
        self.src = pts[:, :2].astype(np.float32)
        self.triangles = _triangles(pts[:, :2])
        width = float(pts[:, 0].max() - pts[:, 0].min())
        centre = pts.mean(axis=0)
        # Model coordinates in frame pixels at depth FOCAL: x right, y down, z away from the camera
        # (MediaPipe's z grows away from the camera too, at the scale of x).
        self.model = (pts - centre) * (FACE_WIDTH_PX / width)
        self.background = photo_attack._background(seed + 7)

    def project(self, yaw: float, pitch: float, roll: float = 0.0, dx: float = 0.0) -> np.ndarray:
        """(478, 3): image x, y and camera depth of every vertex for this head pose (degrees)."""
        # Same angle conventions as vision.face.HeadPose (yaw > 0: the nose swings to the image's right;
        # pitch > 0: chin up), checked by running the landmarker on rendered frames. The model's z grows
        # away from the camera, so both angles enter the rotation helper negated.
        r = photo_attack._rotation(-yaw, -pitch, roll)
        world = self.model @ r.T
        z = FOCAL + world[:, 2]
        return np.c_[FOCAL * world[:, 0] / z + WIDTH / 2 + dx, FOCAL * world[:, 1] / z + HEIGHT / 2, z]

    def render(
        self, yaw: float, pitch: float, rng: np.random.Generator, roll: float = 0.0, dx: float = 0.0
    ) -> np.ndarray:
        """One RGB frame (640x480) with the replica in this pose.

        Rasterised with a triangle-id buffer drawn far to near (so nearer triangles win), then one
        cv2.remap through each pixel's triangle's inverse affine map back into the photo."""
        img = self.project(yaw, pitch, roll, dx)
        ids = np.full((HEIGHT, WIDTH), -1, np.int32)
        inverse = np.zeros((len(self.triangles), 2, 3), np.float64)
        depth = img[self.triangles, 2].mean(axis=1)
        for t in np.argsort(-depth):  # far to near
            tri = self.triangles[t]
            dst = img[tri, :2].astype(np.float32)
            src = self.src[tri]
            # Cull triangles that face away: their winding flips relative to the photo's.
            if _signed_area(dst) * _signed_area(src) <= 0:
                continue
            inverse[t] = cv2.getAffineTransform(dst, src)
            cv2.fillConvexPoly(ids, np.round(dst).astype(np.int32), int(t))
        ys, xs = np.nonzero(ids >= 0)
        a = inverse[ids[ys, xs]]
        map_x = np.full((HEIGHT, WIDTH), -1.0, np.float32)
        map_y = np.full((HEIGHT, WIDTH), -1.0, np.float32)
        map_x[ys, xs] = a[:, 0, 0] * xs + a[:, 0, 1] * ys + a[:, 0, 2]
        map_y[ys, xs] = a[:, 1, 0] * xs + a[:, 1, 1] * ys + a[:, 1, 2]
        face = cv2.remap(self.photo, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        inside = ids >= 0
        frame = self.background.copy()
        frame[inside] = face[inside]
        noise = rng.normal(0, 2.0, frame.shape)
        return np.clip(frame + noise, 0, 255).astype(np.uint8)


def _signed_area(tri: np.ndarray) -> float:
    (ax, ay), (bx, by), (cx, cy) = tri
    return float((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))


def pose_at(motion: str, t: float, duration: float) -> tuple[float, float]:
    """(yaw, pitch) in degrees of the replica at time t: turned by hand, as the attacker would."""
    w = 2 * math.pi / duration
    if motion == "turn":
        return 32 * math.sin(w * t), 6 * math.sin(2 * w * t)
    if motion == "nod":
        return 8 * math.sin(w * t), 18 * math.sin(w * t + 0.8)
    if motion == "still":  # on a stand: the camera sees a fixed pose, a tremor from the table
        return 0.3 * math.sin(5 * t), 0.2 * math.sin(4 * t)
    raise ValueError(f"unknown motion {motion!r}; choose from {', '.join(MOTIONS)}")


def replica_frames(
    replica: HeadReplica, motion: str, fps: float = 15.0, duration_s: float = 8.0, seed: int = 0
) -> Iterator[np.ndarray]:
    rng = np.random.default_rng(seed)
    for i in range(round(duration_s * fps)):
        yaw, pitch = pose_at(motion, i / fps, duration_s)
        yield replica.render(yaw, pitch, rng)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("photo", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--motions", default=",".join(MOTIONS))
    parser.add_argument("--fps", type=float, default=15.0)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from app.core.models import shipped_models_dir
    from app.core.vision.landmarker import FaceLandmarker

    photo = photo_attack.load_photo(args.photo)
    with FaceLandmarker(shipped_models_dir() / "face_landmarker.task", max_faces=1) as landmarker:
        faces = landmarker.detect(photo)
    if not faces:
        raise SystemExit(f"no face found in {args.photo}")
    replica = HeadReplica(photo, faces[0].landmarks)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for k, motion in enumerate(args.motions.split(",")):
        frames = list(replica_frames(replica, motion, args.fps, args.seconds, seed=k))
        out = photo_attack.write_video(frames, args.fps, args.out_dir / f"replica_{motion}")
        print(f"{out}: {len(frames)} frames at {args.fps:g} fps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
