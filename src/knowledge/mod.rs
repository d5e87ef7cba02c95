//! Embedded knowledge: facts about AWS that change with AWS releases, kept as data with their sources.
//!
//! Changing a threshold or a region list never means changing rule code.

pub mod clients;
pub mod hosts;
pub mod regions;
pub mod tools;
pub mod user_agents;
pub mod versions;
