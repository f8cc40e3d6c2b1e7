"""Still photos outside the passive model's domain: padding filled in, grayscale photos undecided.

The passive models were trained on colour camera frames. Two things about processed still photos (not
camera frames) push live faces below the threshold although they say nothing about a presentation
attack, measured on LFW (all live captures):

- padding: warped or letter-boxed photos (LFW deep-funneled: black wedges where the warp left the
  source image) carry near-black areas joined to the image border with long straight edges, as a screen's
  bezel or a print's edge would. Of LFW's 13,229 photos, the 5,912 with more than 10 % of such
  padding were refused 18.5 % of the time as they are, and 3.4 % once the padding is filled in from the
  surrounding image (photos with under 1 % of padding: 6.4 %, left alone).
- grayscale: no colour to judge; 45 of LFW's 46 grayscale photos were refused.

`prepare_photo` fills the padding (OpenCV inpainting of the border-joined near-black area) and says
whether the photo is grayscale; the photo judge then scores the filled photo and calls a grayscale one
"undecided". It is for still photos only: camera frames (kiosk, enrolment) are scored as captured,
since there a dark area at the border may be a screen's bezel. Two of the five shared print / replay
photos have such an area filled in (tablet bezels, 4.6 % and 6.9 % of the photo) and stay refused
(0.0008, 0.0004); the threshold is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

RgbImage = npt.NDArray[np.uint8]
PADDING_MAX_LEVEL = 10  # a pixel whose every channel is at most this is "black" (JPEG blurs pure 0)
PADDING_MIN_SHARE = 0.01  # less padding than this share of the photo is left alone
GRAY_MAX_CHANNEL_DIFF = 2.0  # mean |R-G|, |G-B| below this: a grayscale photo
INPAINT_RADIUS = 5


@dataclass(frozen=True)
class PreparedPhoto:
    rgb: RgbImage  # the photo with its padding filled in (the input itself when there was none)
    padding_share: float  # share of the photo that was padding
    grayscale: bool


def padding_mask(rgb: RgbImage) -> npt.NDArray[np.uint8]:
    """255 where the photo is near-black AND joined to its border (padding), else 0."""
    dark = (rgb.max(axis=2) <= PADDING_MAX_LEVEL).astype(np.uint8)
    count, labels = cv2.connectedComponents(dark, connectivity=4)
    if count <= 1:
        return np.zeros(dark.shape, np.uint8)
    edge = np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])
    touching = np.setdiff1d(np.unique(edge), [0])
    return np.where(np.isin(labels, touching), 255, 0).astype(np.uint8)


def is_grayscale(rgb: RgbImage) -> bool:
    d = rgb.astype(np.int16)
    spread = max(float(np.abs(d[..., 0] - d[..., 1]).mean()), float(np.abs(d[..., 1] - d[..., 2]).mean()))
    return spread < GRAY_MAX_CHANNEL_DIFF


def prepare_photo(rgb: RgbImage) -> PreparedPhoto:
    """The photo as the passive model should see it (see the module docstring)."""
    gray = is_grayscale(rgb)
    mask = padding_mask(rgb)
    share = float(np.count_nonzero(mask)) / mask.size
    if share < PADDING_MIN_SHARE:
        return PreparedPhoto(rgb, share, gray)
    rim = np.asarray(cv2.dilate(mask, np.ones((3, 3), np.uint8)), np.uint8)  # + the JPEG-blurred rim
    filled = cv2.inpaint(np.ascontiguousarray(rgb), rim, INPAINT_RADIUS, cv2.INPAINT_TELEA)
    return PreparedPhoto(np.asarray(filled, np.uint8), share, gray)
